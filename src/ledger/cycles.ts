/**
 * Which cycle's document the ledger's money is in now. A cycle document is named by its first day, so a
 * new `billing-cycle-day` names a different document: read alone, it would open an empty account while
 * the running cycle's spend sat in the old one. The ledger therefore keeps one more small document,
 * `current`, naming the cycle the gates last wrote to. A change of the reset day takes effect when the
 * running cycle ends: until then every reader finds the running cycle through it, and the next cycle
 * starts where the running one ended, so no two cycles overlap and no spend leaves view.
 */
import { z } from 'zod'
import type { Cycle } from '../budget/types.js'
import { cycleAt } from '../budget/cycle.js'
import type { DocumentStore } from '../store/types.js'
import { readCycle, type CycleRead } from './update.js'

/** The name of the document that names the running cycle. */
export const CURRENT = 'current'

const iso = z.string().refine(s => !Number.isNaN(Date.parse(s)), 'expected an ISO date-time')
const currentSchema = z.object({
  schema: z.literal('agent-credit-gate/current-cycle@1'),
  cycle: z.object({ id: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), start: iso, resetsAt: iso }),
  billingCycleDay: z.number().int().min(1).max(31)
})
type Current = z.output<typeof currentSchema>

export interface CurrentCycle {
  cycle: Cycle
  /** The cycle's document as read (for the first compare-and-swap attempt). */
  read: CycleRead
  /** What the reader should know about how the cycle was chosen. */
  notices: string[]
  /** Set when `current` does not name this cycle yet: the writer records it with recordCurrent. */
  unrecorded?: { cycle: Cycle; billingCycleDay: number }
}

const contains = (c: Cycle, now: Date) =>
  Date.parse(c.start) <= now.getTime() && now.getTime() < Date.parse(c.resetsAt)

async function readCurrent(store: DocumentStore): Promise<{ current?: Current; version: string | null }> {
  const { text, version } = await store.read(CURRENT)
  if (text === null) return { version }
  const parsed = currentSchema.safeParse(JSON.parse(text))
  if (!parsed.success) {
    throw new Error(
      `ledger document ${store.locate(CURRENT)} is invalid: ${parsed.error.issues[0].message}; it was not changed — restore it from its history, or delete it (the next gate writes it again)`
    )
  }
  return { current: parsed.data, version }
}

/**
 * The cycle containing `now`: the document of this reset day's cycle when it is running, else the running
 * cycle `current` names (kept until it ends, whatever the reset day), else a new cycle, which starts when
 * the last one ended if that was after this reset day's start.
 */
export async function currentCycle(
  store: DocumentStore,
  now: Date,
  billingCycleDay: number
): Promise<CurrentCycle> {
  const computed = cycleAt(now, billingCycleDay)
  const read = await readCycle(store, computed)
  if (read.doc && contains(read.doc.cycle, now)) {
    // A document without an account was written before `current` existed (or by record alone): name it.
    const unrecorded = read.doc.account ? undefined : { cycle: read.doc.cycle, billingCycleDay }
    return { cycle: read.doc.cycle, read, notices: [], unrecorded }
  }
  const { current } = await readCurrent(store)
  if (current && contains(current.cycle, now)) {
    const notices =
      current.billingCycleDay === billingCycleDay
        ? []
        : [
            `billing-cycle-day: the ledger's running cycle ${current.cycle.start.slice(0, 10)} → ${current.cycle.resetsAt.slice(0, 10)} resets on day ${current.billingCycleDay}; ` +
              `it is kept until it ends so its spend stays counted, and cycles reset on day ${billingCycleDay} from then on`
          ]
    return { cycle: current.cycle, read: await readCycle(store, current.cycle), notices }
  }
  // A new cycle. It may not reach back before the end of the last one (the reset day changed).
  const ended = [read.doc?.cycle.resetsAt, current?.cycle.resetsAt]
    .filter((t): t is string => t !== undefined && Date.parse(t) <= now.getTime())
    .sort()
    .pop()
  const cycle =
    ended && Date.parse(ended) > Date.parse(computed.start)
      ? { id: ended.slice(0, 10), start: ended, resetsAt: computed.resetsAt }
      : computed
  const fresh = cycle.id === computed.id && !read.doc ? read : await readCycle(store, cycle)
  const notices =
    cycle === computed
      ? []
      : [
          `billing-cycle-day: this cycle runs ${cycle.start.slice(0, 10)} → ${cycle.resetsAt.slice(0, 10)}: it starts when the last cycle ended, then cycles reset on day ${billingCycleDay}`
        ]
  const named = current && current.cycle.id === cycle.id
  return { cycle, read: fresh, notices, unrecorded: named ? undefined : { cycle, billingCycleDay } }
}

/**
 * Record in `current` that the gates now write to `cycle`. Compare-and-swap, a few tries; a newer cycle
 * already recorded wins. Returns a notice when it could not be recorded (the hold itself is written).
 */
export async function recordCurrent(
  store: DocumentStore,
  what: { cycle: Cycle; billingCycleDay: number },
  describe: (error: unknown) => string
): Promise<string | undefined> {
  const text =
    JSON.stringify({
      schema: 'agent-credit-gate/current-cycle@1',
      cycle: what.cycle,
      billingCycleDay: what.billingCycleDay
    }) + '\n'
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { current, version } = await readCurrent(store)
      if (current && current.cycle.start >= what.cycle.start) return undefined
      if ((await store.write(CURRENT, text, version, `ledger: running cycle ${what.cycle.id}`)).ok)
        return undefined
    }
    return `ledger: could not record cycle ${what.cycle.id} as the running one (other writers kept winning); the next gate tries again`
  } catch (error) {
    return `ledger: could not record cycle ${what.cycle.id} as the running one (${describe(error)}); the next gate tries again`
  }
}
