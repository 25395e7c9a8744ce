import * as core from '@actions/core'
import type { Cycle } from './budget/types.js'

/**
 * The whole main ↔ post contract. Main saves what post needs; post reads it back.
 * State is visible only to this action's own post step; values are strings.
 */
export interface SavedState {
  /** Set by main so post knows main ran at all. */
  mainRan: boolean
  /** Idempotency key of the hold main reserved ('' when no hold was written). */
  holdKey: string
  /** Whether main allowed the agent step. */
  allowed: boolean
  /** Path of the JSON report main wrote. */
  reportFile: string
  /** Id of the sticky comment main created or edited ('' when none). */
  commentId: string
  /** Id of the check run main created ('' when none). */
  checkRunId: string
  /** The billing cycle the hold was written in (post may run after the reset). */
  cycle: Cycle | undefined
  /** USD held, kept as spent when no usable result file appears. */
  holdUsd: number
}

const KEYS = {
  mainRan: 'main-ran',
  holdKey: 'hold-key',
  allowed: 'allowed',
  reportFile: 'report-file',
  commentId: 'comment-id',
  checkRunId: 'check-run-id',
  cycle: 'cycle',
  holdUsd: 'hold-usd'
} as const

/** Save one field of the main → post state. */
export function saveState<K extends keyof SavedState>(key: K, value: SavedState[K]): void {
  core.saveState(KEYS[key], typeof value === 'object' ? JSON.stringify(value) : String(value))
}

/** Read everything main saved; missing fields read as empty (main may have been skipped). */
export function readState(): SavedState {
  const get = (k: keyof SavedState) => core.getState(KEYS[k])
  return {
    mainRan: get('mainRan') === 'true',
    holdKey: get('holdKey'),
    allowed: get('allowed') === 'true',
    reportFile: get('reportFile'),
    commentId: get('commentId'),
    checkRunId: get('checkRunId'),
    cycle: get('cycle') ? (JSON.parse(get('cycle')) as Cycle) : undefined,
    holdUsd: Number(get('holdUsd')) || 0
  }
}
