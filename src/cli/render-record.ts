/** The CLI's text for `record` and `release`: what the ledger now holds for the run, and why. */
import { usd } from '../budget/format.js'
import type { Settlement } from '../steps/record.js'
import type { ReleaseOutcome } from '../steps/release.js'
import { liveHolds } from '../ledger/runs.js'
import { totals } from '../ledger/operations.js'

/** What `usd` of an actual is, in words: whose figure, which prices. */
function basisOf(s: Settlement): string {
  const a = s.actual
  if (a.unverified) return 'the hold, kept as spent: no usable result'
  if (a.basis === 'claude-reported') return "Claude's own figure: no per-model usage to price"
  return `our prices of ${a.pricedOn?.day} (${a.pricedOn?.from}), table ${a.priceTableAsOf}`
}

const HEAD: Record<Settlement['outcome'], string> = {
  settled: 'recorded',
  'settled-without-hold': 'recorded without a hold',
  'already-settled': 'already settled',
  corrected: 'corrected',
  'not-recorded': 'NOT recorded'
}

export function renderSettlementText(s: Settlement, now: Date): string {
  const out: string[] = []
  const e = s.entry
  const recorded = s.outcome === 'already-settled' ? e?.actualUsd : s.actual.usd
  out.push(`${HEAD[s.outcome]}: ${s.run}: actual ${usd(recorded ?? s.actual.usd)}`)
  if (s.outcome !== 'already-settled') {
    out.push(
      `  ${basisOf(s)}${s.actual.claudeReportedUsd !== undefined ? `; Claude reported ${usd(s.actual.claudeReportedUsd)} (API-equivalent)` : ''}`
    )
  }
  if (e && e.holdUsd > 0) {
    out.push(
      `  estimate p50 ${usd(e.estimate.p50Usd)}, p90 ${usd(e.estimate.p90Usd)}, max ${usd(e.estimate.maxUsd)}; held ${usd(e.holdUsd)} (${e.estimate.gateOn})`
    )
  }
  if (s.doc) {
    const t = totals(s.doc, now)
    out.push(
      `  cycle ${s.cycle.id}: settled ${usd(t.settledUsd)}, held ${usd(t.heldUsd)} in ${liveHolds(s.doc, now).length} live holds`
    )
  }
  if (e) out.push(`  key ${e.key}`)
  for (const n of s.notices) out.push(`note: ${n}`)
  return out.join('\n')
}

/** The JSON `record` prints: the run, what was recorded, and what the ledger keeps. */
export function settlementJson(s: Settlement, now: Date) {
  const money = s.doc ? totals(s.doc, now) : undefined
  return {
    key: s.key,
    run: s.run,
    outcome: s.outcome,
    actual: s.actual,
    ledger: s.entry ?? null,
    cycle: s.cycle,
    cycleMoney: money ? { settledUsd: money.settledUsd, heldUsd: money.heldUsd } : null,
    notices: s.notices
  }
}

export function renderReleaseText(r: ReleaseOutcome): string {
  return `released: ${r.run}: ${usd(r.releasedUsd)} counts again (key ${r.key})`
}
