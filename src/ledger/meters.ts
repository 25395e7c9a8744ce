/**
 * The meters of each account, kept in the cycle's ledger document (so the gate reads them with the
 * money it already reads: no extra request) and carried into the next cycle's document. Pure.
 */
import { z } from 'zod'
import type { AccountMeters } from '../budget/limits.js'
import type { MeterReport } from '../usage/meters.js'
import type { LedgerDocument } from './document.js'

const iso = z.string().refine(s => !Number.isNaN(Date.parse(s)), 'expected an ISO date-time')
const status = z.enum(['allowed', 'allowed_warning', 'rejected'])
const seen = { seenAt: iso, seenBy: z.string() }
/** Points kept per account for the share-of-window estimate. */
export const SAMPLES_KEPT = 40

export const accountMetersSchema = z.object({
  readings: z.array(
    z.object({
      meter: z.string().min(1),
      status,
      utilization: z.number().min(0).max(1).optional(),
      resetsAt: iso.optional(),
      ...seen
    })
  ),
  overage: z
    .object({
      status: status.optional(),
      disabledReason: z.string().optional(),
      resetsAt: iso.optional(),
      inUse: z.boolean().optional(),
      ...seen
    })
    .optional(),
  stop: z
    .object({
      kind: z.enum(['window', 'out-of-credits']),
      meter: z.string().optional(),
      resetsAt: iso.optional(),
      message: z.string(),
      ...seen
    })
    .optional(),
  samples: z.array(
    z.object({
      meter: z.string(),
      at: iso,
      utilization: z.number().min(0).max(1),
      resetsAt: iso.optional(),
      spentUsd: z.number().min(0)
    })
  ),
  spentUsd: z.number().min(0)
})

/** Accounts by name (the `account` input; the ledger's scope by default). */
export const metersSchema = z.record(z.string(), accountMetersSchema)

type Stored = z.output<typeof accountMetersSchema>
// The stored shape is what the gate judges: a change to one must be a change to the other.
const _sameShape: AccountMeters = {} as Stored
void _sameShape

/** The meters of `account` in a document. */
export function metersOf(doc: LedgerDocument | null, account: string): AccountMeters | undefined {
  return doc?.meters?.[account]
}

/**
 * Record what one settled run's output said about the account's meters, and the dollars it spent.
 * An account that has never shown a meter (API-key runs) gets nothing written.
 */
export function observeMeters(
  doc: LedgerDocument,
  account: string,
  report: MeterReport,
  run: { key: string; usd: number; now: Date }
): LedgerDocument {
  const before = doc.meters?.[account]
  if (!before && report.events === 0 && !report.stop) return doc
  const seenAt = run.now.toISOString()
  const at = { seenAt, seenBy: run.key }
  const next: Stored = structuredClone(before ?? { readings: [], samples: [], spentUsd: 0 })
  next.spentUsd += Math.max(0, run.usd)
  for (const r of report.readings) {
    next.readings = [...next.readings.filter(x => x.meter !== r.meter), { ...r, ...at }]
    if (r.utilization !== undefined)
      next.samples.push({
        meter: r.meter,
        at: seenAt,
        utilization: r.utilization,
        ...(r.resetsAt ? { resetsAt: r.resetsAt } : {}),
        spentUsd: next.spentUsd
      })
  }
  next.samples = next.samples.slice(-SAMPLES_KEPT)
  if (report.overage) next.overage = { ...report.overage, ...at }
  // A run that got through after a stop ends the stop; one that says nothing leaves it standing.
  if (report.stop) next.stop = { ...report.stop, ...at }
  else if (report.events > 0) delete next.stop
  return { ...doc, meters: { ...doc.meters, [account]: next } }
}

/** A new cycle's document starts with the meters the previous cycle ended with. */
export function carryMeters(doc: LedgerDocument, previous: LedgerDocument | null): LedgerDocument {
  if (doc.meters || !previous?.meters) return doc
  return { ...doc, meters: structuredClone(previous.meters) }
}
