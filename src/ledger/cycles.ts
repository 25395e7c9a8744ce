/** Which cycle's document the ledger's money is in now, and its content. */
import type { Cycle } from '../budget/types.js'
import { cycleAt } from '../budget/cycle.js'
import type { DocumentStore } from '../store/types.js'
import { readCycle, type CycleRead } from './update.js'

export interface CurrentCycle {
  cycle: Cycle
  /** The cycle's document as read (for the first compare-and-swap attempt). */
  read: CycleRead
  /** What the reader should know about how the cycle was chosen. */
  notices: string[]
}

/** The cycle containing `now` for the given reset day, read from `store`. */
export async function currentCycle(
  store: DocumentStore,
  now: Date,
  billingCycleDay: number
): Promise<CurrentCycle> {
  const cycle = cycleAt(now, billingCycleDay)
  return { cycle, read: await readCycle(store, cycle), notices: [] }
}
