/**
 * `release`: drop a hold whose agent step never ran, so its money counts again. The run is named by its
 * key or its run id (and job); naming nothing that is held is an error that lists the live holds, never
 * a quiet success.
 */
import type { Settings } from '../config/settings.js'
import { release as releaseHold } from '../ledger/operations.js'
import { updateLedger } from '../ledger/update.js'
import { entriesOf, liveHoldsLine, runLabel, targetLabel, type RunTarget } from '../ledger/runs.js'
import type { LedgerDocument, LedgerEntry } from '../ledger/document.js'
import { usd } from '../budget/format.js'
import { describeError } from '../github/errors.js'
import { InputError } from '../errors.js'
import { currentCycle, resetOf } from '../ledger/cycles.js'
import type { LedgerDeps } from './deps.js'
import type { Cycle } from '../budget/types.js'

export interface ReleaseOutcome {
  key: string
  /** Who the run is, e.g. `run 77 acme/api review/gate`. */
  run: string
  outcome: 'released'
  /** The USD that counts again. */
  releasedUsd: number
}

/** The one held entry `target` names in `doc`, or a one-line error naming what is held instead. */
export function heldEntry(
  doc: LedgerDocument | null,
  target: RunTarget,
  now: Date,
  input: string
): LedgerEntry {
  const found = entriesOf(doc, target)
  const held = found.filter(e => e.status === 'held')
  if (held.length === 1) return held[0]
  if (held.length > 1) {
    throw new InputError([
      `${input}: ${targetLabel(target)} holds ${held.length} entries (${held.map(e => runLabel(e.key)).join('; ')}); name one with --job or --key`
    ])
  }
  const done = found[0]
  const what = done
    ? `${runLabel(done.key)} is ${done.status}${done.actualUsd !== undefined ? ` at ${usd(done.actualUsd)}` : ''}, nothing is held`
    : `nothing in the ledger is held under ${targetLabel(target)}`
  throw new InputError([`${input}: ${what}; ${liveHoldsLine(doc, now)}`])
}

/**
 * `gatedCycle`: the cycle the gate held the run in, when the caller knows it (the library): a hold taken
 * just before the billing reset is released there, not looked for in the cycle that began since.
 */
export async function release(
  settings: Settings,
  target: RunTarget,
  deps: LedgerDeps,
  gatedCycle?: Cycle
): Promise<ReleaseOutcome> {
  const input = target.runId === undefined ? 'key' : 'run-id'
  const focus = { key: target.key, runId: target.runId }
  const { cycle, read } = gatedCycle
    ? { cycle: gatedCycle, read: undefined }
    : await currentCycle(deps.store, deps.now, resetOf(settings), focus).catch(error => {
        throw new Error(`ledger: ${describeError(error)}; nothing was released: run the command again`)
      })
  const { result } = await updateLedger(
    deps.store,
    cycle,
    doc => {
      const entry = heldEntry(doc, target, deps.now, input)
      const r = releaseHold(doc, entry.key, deps.now)
      return {
        doc: r.doc,
        result: {
          key: entry.key,
          run: runLabel(entry.key),
          outcome: 'released' as const,
          releasedUsd: entry.holdUsd
        }
      }
    },
    { first: read, focus }
  ).catch(error => {
    if (error instanceof InputError) throw error
    throw new Error(`ledger: ${describeError(error)}; nothing was released: run the command again`)
  })
  return result
}
