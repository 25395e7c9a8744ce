import * as core from '@actions/core'
import type { Cycle } from '../budget/types.js'

/**
 * The whole main → post contract: what main hands its post step. Post reads every field; main saves
 * them all at once when the gate is done. Runner state is visible only to this action's own post step.
 */
export interface Handoff {
  /** Idempotency key of the hold main reserved ('' when no hold was written). */
  holdKey: string
  /** The billing cycle the hold was written in (post may run after the reset). */
  cycle?: Cycle
  /** USD held, kept as spent when no usable result file appears. */
  holdUsd: number
  /** Path of the JSON report main wrote, which post completes with the actual. */
  reportFile: string
  /** Id of the sticky comment main created or edited (0 when none). */
  commentId: number
  /** Id of the check run main created (0 when none). */
  checkRunId: number
}

const KEY = 'handoff'
/** Saved first thing, so post can tell "main never ran" from "main ran and held nothing". */
const STARTED = 'main-started'

/** Main: record that it started (before anything can fail). */
export function saveStarted(): void {
  core.saveState(STARTED, 'true')
}

/** Main: hand post what it needs. */
export function saveHandoff(handoff: Handoff): void {
  core.saveState(KEY, JSON.stringify(handoff))
}

/** Post: what main handed over; `started` false when main never ran, `handoff` undefined when it failed. */
export function readHandoff(): { started: boolean; handoff?: Handoff } {
  const text = core.getState(KEY)
  return {
    started: core.getState(STARTED) === 'true',
    handoff: text ? (JSON.parse(text) as Handoff) : undefined
  }
}
