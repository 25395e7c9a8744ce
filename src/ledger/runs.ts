/**
 * Finding a run's entry the way users name runs: by the key `status` lists, or by the run id (and the
 * job, when the run gated more than one step). Keys are `runId/attempt/repository/workflow/job/step`,
 * each part URL-encoded (ledger/operations.ts).
 */
import { usd } from '../budget/format.js'
import type { LedgerDocument, LedgerEntry } from './document.js'

/** What names a run: its key, or its run id with, optionally, the job or step. */
export interface RunTarget {
  key?: string
  runId?: string
  job?: string
}

/** The parts of an entry key. */
export interface KeyParts {
  runId: string
  attempt: string
  repository: string
  workflow: string
  job: string
  step: string
}

export function keyParts(key: string): KeyParts | undefined {
  const parts = key.split('/')
  if (parts.length !== 6) return undefined
  const [runId, attempt, repository, workflow, job, step] = parts.map(p => {
    try {
      return decodeURIComponent(p)
    } catch {
      return p
    }
  })
  return { runId, attempt, repository, workflow, job, step }
}

/** How a person names an entry: `run 77 (attempt 1) acme/api review/gate`. */
export function runLabel(key: string): string {
  const p = keyParts(key)
  if (!p) return key
  const attempt = p.attempt === '1' ? '' : ` attempt ${p.attempt}`
  const where = p.repository === 'local/local' ? '' : ` ${p.repository}`
  const what = p.job === 'local' ? p.step : `${p.job}/${p.step}`
  return `run ${p.runId}${attempt}${where} ${what}`
}

/**
 * The entries `target` names: the exact key when it is in the ledger, else (with a run id) every entry of
 * that run id, of that job or step if one is given.
 */
export function entriesOf(doc: LedgerDocument | null, target: RunTarget): LedgerEntry[] {
  const entries = doc?.entries ?? []
  const exact = target.key ? entries.filter(e => e.key === target.key) : []
  if (exact.length > 0 || target.runId === undefined) return exact
  return entries.filter(e => {
    const p = keyParts(e.key)
    if (!p || p.runId !== target.runId) return false
    return !target.job || p.job === target.job || p.step === target.job || `${p.job}/${p.step}` === target.job
  })
}

/** Holds that still count (not expired). */
export function liveHolds(doc: LedgerDocument | null, now: Date): LedgerEntry[] {
  return (doc?.entries ?? []).filter(e => e.status === 'held' && Date.parse(e.expiresAt) > now.getTime())
}

/** The live holds, in one line: what a user can name instead. */
export function liveHoldsLine(doc: LedgerDocument | null, now: Date): string {
  const live = liveHolds(doc, now)
  if (live.length === 0) return 'no hold is live this cycle'
  return `live holds: ${live
    .slice(0, 5)
    .map(e => `${runLabel(e.key)} ${usd(e.holdUsd)} (--key ${e.key})`)
    .join('; ')}${live.length > 5 ? `; and ${live.length - 5} more (agent-credit-gate status)` : ''}`
}

/** How the user named the run, for messages. */
export function targetLabel(target: RunTarget): string {
  if (target.runId === undefined) return `key ${JSON.stringify(target.key)}`
  return `run ${target.runId}${target.job ? ` (job ${target.job})` : ''}`
}
