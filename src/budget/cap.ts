/**
 * The hold and the cap, kept apart. The hold is what the ledger reserves for a run (the `gate-on`
 * estimate): the figure other gates count while it runs. The cap is what Claude's `--max-budget-usd`
 * stops the run at. A run stopped mid-work wastes all it spent, so the cap is not the hold: it is what
 * the run may spend before going on would really exhaust the budget (what is left after the cycle's
 * spend and everyone else's live holds), bounded by the per-run ceiling `max-run-usd`. Pure.
 *
 * The per-run limits live here, in one place: each bounds the hold and the cap, and may refuse the run.
 * (Limits over many runs, such as a day's or a pull request's spend, are checked like the monthly budget:
 * spent + live holds + this run's hold must fit.)
 */
import { usd } from './format.js'

/** What bounds the cap handed to Claude. */
export type CapBound =
  /** What is left of the budget after the cycle's spend and others' live holds. */
  | 'budget'
  /** The per-run ceiling `max-run-usd`. */
  | 'max-run-usd'
  /** The hold itself: the run did not fit and on-exhaust: warn let it go on. */
  | 'hold'
  /** What is left of a limit beside the monthly budget (max-daily-usd, max-pr-usd, …). */
  | 'limit'

export interface HoldAndCap {
  /** USD the ledger reserves for this run. */
  holdUsd: number
  /** USD handed to Claude's --max-budget-usd; never below the hold. */
  capUsd: number
  capBy: CapBound
}

/**
 * The hold is the gated figure, at most `max-run-usd` (a run cannot spend past its ceiling, so holding
 * more would only keep others out). The cap is what is left for this run (`remainingUsd`: the budget
 * less spend and others' live holds), at most `max-run-usd`, and never below the hold, so a run the
 * warn policy lets through over budget keeps the cap it would have had before the split.
 */
export function holdAndCap(a: { gatedUsd: number; remainingUsd: number; maxRunUsd?: number }): HoldAndCap {
  const ceiling = a.maxRunUsd ?? Infinity
  const holdUsd = holdNeeded(a)
  const room = Math.max(holdUsd, a.remainingUsd)
  if (ceiling <= room) return { holdUsd, capUsd: ceiling, capBy: 'max-run-usd' }
  return { holdUsd, capUsd: room, capBy: a.remainingUsd >= holdUsd ? 'budget' : 'hold' }
}

/** The hold a run needs to go on: the gated figure, at most `max-run-usd` (also when it was refused). */
export function holdNeeded(d: { gatedUsd: number; maxRunUsd?: number }): number {
  return Math.min(d.gatedUsd, d.maxRunUsd ?? Infinity)
}

/** A per-run limit that refuses this run: its name and one sentence (without the consequence). */
export interface RunLimitRefusal {
  /** The input that refused it, e.g. `max-run-usd`. */
  input: string
  reason: string
}

/**
 * The per-run limits' verdict: `max-run-usd` refuses a run whose p50 exceeds it, since even a typical
 * run would be cut off at the ceiling with its work lost.
 */
export function runLimitRefusal(a: { p50Usd: number; maxRunUsd?: number }): RunLimitRefusal | undefined {
  if (a.maxRunUsd === undefined || a.p50Usd <= a.maxRunUsd) return undefined
  return {
    input: 'max-run-usd',
    reason: `The p50 estimate ${usd(a.p50Usd)} exceeds max-run-usd ${usd(a.maxRunUsd)}: a typical run would be stopped at the ceiling with its work unfinished`
  }
}
