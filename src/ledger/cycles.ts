/**
 * Which cycle's document the ledger's money is in now. A cycle document is named by the first day of the
 * cycle it belongs to, so a new `billing-cycle-day` names a different document: read alone, it would
 * open an empty account while the running cycle's spend sat in the old one. The ledger therefore knows
 * its own reset day: the small document `reset-day`, absent while it is day 1 (the default), so a ledger
 * that never changes it never writes it. A gate whose reset day differs keeps the ledger's running cycle
 * until it ends; the first gate after that starts a cycle on its own day (beginning where the old one
 * ended, so none overlap) and records the new reset day. No spend leaves view.
 */
import { z } from 'zod'
import type { Cycle } from '../budget/types.js'
import { cycleAt } from '../budget/cycle.js'
import type { CycleFocus, DocumentStore } from '../store/types.js'
import type { Settings } from '../config/settings.js'
import { readCycle, type CycleRead } from './update.js'

/** The name of the document that holds the ledger's reset day (absent: day 1). */
export const RESET_DAY = 'reset-day'

const resetDaySchema = z.object({
  schema: z.literal('agent-credit-gate/reset-day@1'),
  billingCycleDay: z.number().int().min(1).max(31)
})

export interface CurrentCycle {
  cycle: Cycle
  /** The cycle's document as read (for the first compare-and-swap attempt). */
  read: CycleRead
  /** What the reader should know about how the cycle was chosen. */
  notices: string[]
  /** Set when this cycle moves the ledger to another reset day: the gate that writes to it records it. */
  newResetDay?: number
}

const day = (iso: string) => iso.slice(0, 10)

/** The reset day a step asks for, and whether it was given (the action's always is) or is the default. */
export function resetOf(settings: Settings): { billingCycleDay: number; given: boolean } {
  return {
    billingCycleDay: settings.budget.billingCycleDay,
    given: settings.budget.explicit.includes('billing-cycle-day')
  }
}

/** The ledger's reset day, and whether it recorded one (never: day 1, the default). */
async function ledgerResetDay(store: DocumentStore): Promise<{ day: number; recorded: boolean }> {
  const { text } = await store.read(RESET_DAY)
  if (text === null) return { day: 1, recorded: false }
  const parsed = resetDaySchema.safeParse(JSON.parse(text))
  if (!parsed.success) {
    throw new Error(
      `ledger document ${store.locate(RESET_DAY)} is invalid: ${parsed.error.issues[0].message}; it was not changed — restore it from its history`
    )
  }
  return { day: parsed.data.billingCycleDay, recorded: true }
}

/**
 * The cycle containing `now`: this reset day's document when it exists; else, when the ledger resets on
 * another day, its running cycle if it has recorded anything; else a new cycle on this day, beginning no
 * earlier than the ledger's last reset.
 */
export async function currentCycle(
  store: DocumentStore,
  now: Date,
  reset: { billingCycleDay: number; given: boolean },
  focus: CycleFocus = {}
): Promise<CurrentCycle> {
  const { billingCycleDay } = reset
  const computed = cycleAt(now, billingCycleDay)
  const read = await readCycle(store, computed, focus)
  if (read.doc) return { cycle: read.doc.cycle, read, notices: [] }
  const { day: ledgerDay, recorded } = await ledgerResetDay(store)
  if (ledgerDay === billingCycleDay) return { cycle: computed, read, notices: [] }
  const theirs = cycleAt(now, ledgerDay)
  // Not given a reset day: this is simply the ledger's cycle.
  if (!reset.given) {
    const own = await readCycle(store, theirs, focus)
    return { cycle: own.doc?.cycle ?? theirs, read: own, notices: [] }
  }
  const running = await readCycle(store, theirs, focus)
  if (running.doc) {
    const c = running.doc.cycle
    return {
      cycle: c,
      read: running,
      notices: [
        `billing-cycle-day: the ledger's running cycle ${day(c.start)} → ${day(c.resetsAt)} resets on day ${ledgerDay}; ` +
          `it is kept until it ends so its spend stays counted, and cycles reset on day ${billingCycleDay} from then on`
      ]
    }
  }
  // Nothing recorded since the ledger's last reset. This day's cycle starts now; if the ledger's previous
  // cycle ran into it (and recorded spend), it begins where that one ended, so no two cycles overlap.
  const previous = cycleAt(new Date(Date.parse(theirs.start) - 1), ledgerDay)
  const overlaps =
    Date.parse(theirs.start) > Date.parse(computed.start) && (await readCycle(store, previous)).doc !== null
  const cycle = {
    id: computed.id,
    start: overlaps ? theirs.start : computed.start,
    resetsAt: computed.resetsAt
  }
  return {
    cycle,
    read,
    // A ledger that never recorded a day and has nothing to keep moves without a word.
    notices:
      recorded || overlaps
        ? [
            `billing-cycle-day: the ledger moves from day ${ledgerDay} to day ${billingCycleDay}: this cycle runs ${day(cycle.start)} → ${day(cycle.resetsAt)}` +
              (overlaps ? " (from the ledger's last reset, so no two cycles overlap)" : '')
          ]
        : [],
    newResetDay: billingCycleDay
  }
}

/**
 * Record the ledger's new reset day (compare-and-swap, a few tries). Returns a notice when it could not
 * (the hold itself is written; the next gate on the new day tries again).
 */
export async function recordResetDay(
  store: DocumentStore,
  billingCycleDay: number,
  describe: (error: unknown) => string
): Promise<string | undefined> {
  const text = JSON.stringify({ schema: 'agent-credit-gate/reset-day@1', billingCycleDay }) + '\n'
  const failed = (why: string) =>
    `ledger: could not record day ${billingCycleDay} as the ledger's reset day (${why}); the next gate on that day tries again`
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { text: now, version } = await store.read(RESET_DAY)
      if (now === text) return undefined
      if ((await store.write(RESET_DAY, text, version, `ledger: cycles reset on day ${billingCycleDay}`)).ok)
        return undefined
    }
    return failed('other writers kept winning')
  } catch (error) {
    return failed(describe(error))
  }
}
