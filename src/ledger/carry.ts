/**
 * What a cycle's document takes over from the previous cycle's: each account's meters and each job's
 * last runs. The first gate of a cycle reads the previous document anyway (it finds none of its own),
 * and its hold is the cycle's first write: the carry rides on it, with no extra request. Pure.
 */
import type { LedgerDocument } from './document.js'
import { carryHistory } from './history.js'

export type Carried = Pick<LedgerDocument, 'meters' | 'history'>

/** What the previous cycle's document hands on (undefined when there is none). */
export function carriedFrom(previous: LedgerDocument | null, now: Date): Carried | undefined {
  if (!previous) return undefined
  const history = carryHistory(previous, now)
  return {
    ...(previous.meters ? { meters: previous.meters } : {}),
    ...(history ? { history } : {})
  }
}

/** `doc` with what was carried, where it does not hold its own yet. */
export function withCarried(doc: LedgerDocument, carried: Carried | undefined): LedgerDocument {
  if (!carried) return doc
  const next = { ...doc }
  if (!next.meters && carried.meters) next.meters = structuredClone(carried.meters)
  if (!next.history && carried.history) next.history = structuredClone(carried.history)
  return next
}
