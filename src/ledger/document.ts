/** The ledger document of one billing cycle, validated by this schema on every read. */
import { z } from 'zod'
import { tokenUsageSchema } from '../pricing/schema.js'
import { metersSchema } from './meters.js'
import type { Plan } from '../config/settings.js'
import plans from '../config/plans.json' with { type: 'json' }

const money = z.number().min(0).max(1e9)
const tokenCount = z.number().int().min(0).max(1e12)

/** How a settled run behaved (src/usage/behaviour.ts): what the next estimate of its job learns from. */
export const behaviourSchema = z.object({
  requests: z.number().int().min(0).max(1e7).optional(),
  growthTokens: tokenCount.optional(),
  outputTokens: tokenCount.optional(),
  cacheTtl: z.enum(['5m', '1h']).optional(),
  cacheMisses: z.number().int().min(0).max(1e7).optional(),
  readBack: z.number().min(0).max(1).optional(),
  sideShare: z.number().min(0).max(1e6).optional(),
  /** Input-side tokens of the main loop's first request (prefix, prompt, context loaded up front). */
  firstRequestTokens: tokenCount.optional(),
  /** Main-loop input tokens sent uncached, over the run. */
  uncachedInputTokens: tokenCount.optional(),
  /** Subagents the main loop started. */
  subagents: z.number().int().min(0).max(1e6).optional(),
  /** What the side models and subagents cost (USD, our prices). */
  fanOutUsd: money.optional()
})
const iso = z.string().refine(s => !Number.isNaN(Date.parse(s)), 'expected an ISO date-time')

/** One run's money in the ledger. */
export const entrySchema = z.object({
  /** Idempotency key: runId/runAttempt/repository/workflow/job/step. */
  key: z.string().min(1),
  /** repository/workflow/job/step: the history key. */
  jobId: z.string().min(1),
  status: z.enum(['held', 'settled', 'released']),
  createdAt: iso,
  updatedAt: iso,
  /** After this instant a still-held entry stops counting. */
  expiresAt: iso,
  holdUsd: money,
  estimate: z.object({ p50Usd: money, p90Usd: money, maxUsd: money, gateOn: z.enum(['p50', 'p90', 'max']) }),
  /** Our priced actual (settled only). */
  actualUsd: money.optional(),
  /** Claude's own total_cost_usd beside ours. */
  claudeReportedUsd: money.optional(),
  /** Settled without a usable result file: the hold was kept as spent. */
  unverified: z.boolean().optional(),
  /** Settled by a post step that found no hold for its run (expired and folded away, or released). */
  withoutHold: z.boolean().optional(),
  /** The run's main model (the one the gate estimated, else the one with most output). */
  model: z.string().optional(),
  /** The other models the run used (side calls, subagents), each with its cost. */
  sideModels: z.array(z.object({ model: z.string(), usd: money })).optional(),
  turns: z.number().int().min(0).optional(),
  subtype: z.string().optional(),
  usage: tokenUsageSchema.optional(),
  /** How the run behaved (settled runs recorded since behaviour is kept). */
  behaviour: behaviourSchema.optional(),
  priceTableAsOf: z.string(),
  /** When the actual was recorded (settled only). */
  settledAt: iso.optional(),
  /** A usage limit stopped the run: the window (five_hour, …) or out-of-credits. */
  stoppedBy: z.string().optional(),
  /** owner/name of the repository the run belongs to (entries since budgets per repository). */
  repository: z.string().optional(),
  /** Who triggered the run, and their author association with the repository. */
  actor: z.string().optional(),
  association: z.string().optional(),
  /** The pull request the run belongs to. */
  pr: z.number().int().min(1).optional(),
  /**
   * Whether the dollars are real money (API key, usage credits, a model billed as usage credits on a
   * subscription) or notional (a subscription's API-equivalent figure nobody pays). Absent: notional
   * on a subscription was the only kind before this was recorded, but read as unknown.
   */
  money: z.enum(['real', 'notional']).optional(),
  /**
   * The figures this entry was settled at before it was corrected, oldest first: an unverified figure
   * replaced by a priced one (`unverified`), or a settled one replaced on request (`record --replace`).
   */
  corrections: z
    .array(
      z.object({
        at: iso,
        previousUsd: money,
        previousUnverified: z.boolean().optional(),
        why: z.enum(['unverified', 'replace'])
      })
    )
    .optional()
})

/** A run the gate refused or skipped, with the p50 it would likely have spent: what the gate prevented. */
export const preventedSchema = z.object({
  key: z.string().min(1),
  jobId: z.string().min(1),
  at: iso,
  p50Usd: money,
  /** The budget or rule that refused it, e.g. max-daily-usd, allowed-associations, the monthly budget. */
  by: z.string(),
  actor: z.string().optional(),
  pr: z.number().int().min(1).optional(),
  money: z.enum(['real', 'notional']).optional()
})

/** One threshold crossing posted (or tried) once per cycle: parallel gates see it and do not post again. */
export const alertSchema = z.object({
  /** The budget: monthly, max-daily-usd:<job>, max-pr-usd:<repo#pr>, … */
  budget: z.string().min(1),
  pct: z.number().min(0),
  at: iso,
  by: z.string()
})

const pastRun = z.object({
  actualUsd: money,
  estimateP50Usd: money.optional(),
  turns: z.number().int().min(0).optional(),
  settledAt: iso,
  behaviour: behaviourSchema.optional()
})

/** The cycle's account as the gates decided on it: what `status` and every report show. */
const accountSchema = z.object({
  plan: z.enum(Object.keys(plans.plans) as [Plan, ...Plan[]]),
  seats: z.number().int().min(1).optional(),
  monthlyCredits: money.optional(),
  overageUsd: money,
  externalSpendUsd: money,
  billingCycleDay: z.number().int().min(1).max(31),
  setAt: iso,
  setBy: z.string()
})

export const documentSchema = z.object({
  schema: z.literal('agent-credit-gate/ledger@1'),
  cycle: z.object({ id: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), start: iso, resetsAt: iso }),
  /** Recorded by the gates (absent in documents written before it existed). */
  account: accountSchema.optional(),
  revision: z.number().int().min(0),
  entries: z.array(entrySchema),
  /** Refused and skipped runs (newest kept; `compacted.prevented` holds the older ones' count and p50). */
  prevented: z.array(preventedSchema).optional(),
  /** Threshold crossings already alerted this cycle. */
  alerts: z.array(alertSchema).optional(),
  /** The subscription meters each account's runs reported (carried from cycle to cycle). */
  meters: metersSchema.optional(),
  /**
   * Per history key, its newest settled runs that are not in `entries` (folded away, or of earlier
   * cycles: carried from cycle to cycle), whole, newest first (src/ledger/history.ts).
   */
  history: z.record(z.string(), z.array(entrySchema)).optional(),
  /** Settled entries folded away to keep the document small (and the gate fast). */
  compacted: z.object({
    runs: z.number().int().min(0),
    settledUsd: money,
    /** USD settled per day (YYYY-MM-DD), for the burn-down. */
    byDay: z.record(z.string(), money),
    /** Per history key: run count and USD (`recent`: documents before `history` kept runs here). */
    byJob: z.record(
      z.string(),
      z.object({ runs: z.number().int().min(0), usd: money, recent: z.array(pastRun) })
    ),
    /** Short hashes of the compacted keys: a late retry of one of them is still a no-op. */
    keys: z.array(z.string()),
    /**
     * Settled USD of folded entries per scope (`repository:`, `actor:`, `pr:`, `job:` and `all`), all and
     * real money apart, so the cycle's budgets per scope still count them.
     */
    byScope: z.record(z.string(), z.object({ usd: money, realUsd: money })).optional(),
    /** Prevented runs folded away: how many and their p50 in all. */
    prevented: z.object({ runs: z.number().int().min(0), p50Usd: money }).optional()
  })
})

export type LedgerDocument = z.output<typeof documentSchema>
export type LedgerEntry = z.output<typeof entrySchema>
export type PreventedRun = z.output<typeof preventedSchema>
export type AlertRecord = z.output<typeof alertSchema>

/** Validate a document read from a store; a bad one stops the gate and is never overwritten. */
export function parseDocument(raw: unknown, where: string): LedgerDocument {
  const r = documentSchema.safeParse(raw)
  if (r.success) return r.data
  const issue = r.error.issues[0]
  throw new Error(
    `ledger document ${where} is invalid at ${issue.path.join('.') || '(top)'}: ${issue.message}; it was not changed — restore it from its history (git log of the ledger ref, or a backup of the file)`
  )
}
