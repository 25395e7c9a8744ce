import type { HoldRequest } from '../../src/ledger/hold.js'
import type { RunScope } from '../../src/ledger/spend-limits.js'
import { parseSettings } from '../../src/config/parse.js'
import type { Settings } from '../../src/config/settings.js'
import type { GateOutcome } from '../../src/steps/gate.js'
import type { Held } from '../../src/steps/record.js'

/** The hold a ledger test reserves: one dollar, a p90 estimate, six hours. */
export const holdOf = (key: string) => ({
  key,
  jobId: 'j',
  holdUsd: 1,
  estimate: { p50Usd: 1, p90Usd: 1, maxUsd: 1, gateOn: 'p90' as const },
  priceTableAsOf: '2026-11-23',
  holdHours: 6
})

/**
 * A gate's hold request on `acme/api`'s review job, with `inputs` parsed as the CLI would (a $1000
 * credit unless they say otherwise): run `i`, a p90 of `p90Usd` (p50 half of it, max three times),
 * triggered by octocat on pull request 12, with real money unless `scope` says otherwise.
 */
export function limitRequest(
  i: number,
  inputs: Record<string, string>,
  opts: { p90Usd?: number; scope?: Partial<RunScope> } = {}
): HoldRequest {
  const p90Usd = opts.p90Usd ?? 1
  const settings = parseSettings(
    { 'monthly-credits': '1000', ...inputs },
    { GITHUB_REPOSITORY: 'acme/api', GITHUB_RUN_ID: `r${i}` },
    'cli'
  )
  return {
    key: `r${i}`,
    jobId: 'acme/api/review/review/gate',
    budget: settings.budget,
    estimate: { p50Usd: p90Usd / 2, p90Usd, maxUsd: p90Usd * 3 },
    model: 'claude-sonnet-4-5',
    priceTableAsOf: '2026-11-23',
    holdHours: 6,
    account: 'acme',
    limits: settings.limits,
    scope: {
      repository: 'acme/api',
      jobId: 'acme/api/review/review/gate',
      actor: 'octocat',
      pr: 12,
      money: 'real',
      ...opts.scope
    }
  }
}

/** What a gate that held hands its post step (as the action's handoff does): key, cycle, hold, report file. */
export const heldAfter = (gated: GateOutcome, settings: Settings): Held => ({
  holdKey: gated.holdKey!,
  cycle: gated.cycle,
  holdUsd: gated.report.decision!.holdUsd,
  reportFile: settings.reports.reportFile
})
