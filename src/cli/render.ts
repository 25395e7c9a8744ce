/** Plain-text reports for the terminal (no markdown). */
import type { GateReport } from '../report/types.js'
import type { StatusReport } from '../steps/status.js'
import type { CostReport } from '../steps/cost.js'
import type { TokensReport } from '../steps/tokens.js'
import { usd } from '../budget/format.js'
import { describeLedgerWait } from '../report/ledger-wait.js'

const pad = (rows: string[][]) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => (r[i] ?? '').length)))
  return rows
    .map(r =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}
const n = (x: number) => x.toLocaleString('en-US')

export function renderEstimateText(r: GateReport): string {
  const l = r.estimate.loop
  const b = r.estimate.blended
  const t = l.tokens
  const out: string[] = []
  out.push(`agent-credit-gate · ${r.model.displayName} (${r.model.id}) · prices as of ${r.priceTable.asOf}`)
  out.push('')
  out.push(
    pad([
      ['', 'estimate (USD)', 'turns'],
      ['p50', usd(b.p50Usd), String(l.turns.p50)],
      ['p90', usd(b.p90Usd), String(l.turns.p90)],
      ['max', usd(b.maxUsd), String(l.turns.max)]
    ])
  )
  out.push('')
  out.push(
    pad([
      ['tokens at p50', 'count'],
      ['first request (prefix + prompt + context)', n(l.firstRequestTokens)],
      ['input', n(t.inputTokens)],
      ['cache write 5m', n(t.cacheWrite5mTokens)],
      ['cache write 1h', n(t.cacheWrite1hTokens)],
      ['cache read', n(t.cacheReadTokens)],
      ['output', n(t.outputTokens)]
    ])
  )
  out.push('')
  out.push(
    `cache: uncached run ${usd(l.uncachedUsd)}, ideal cache ${usd(l.idealUsd)}, waste ${usd(l.cacheWasteUsd)}`
  )
  if (b.source === 'blended')
    out.push(`history: blended with ${b.sampleSize} past runs (model p50 ${usd(b.model.p50Usd)})`)
  if (r.budget && r.decision) {
    const s = r.budget.state
    out.push('')
    out.push(`budget: ${r.budget.credit.label}`)
    out.push(
      `cycle ${r.budget.cycle.start.slice(0, 10)} → resets ${r.budget.cycle.resetsAt.slice(0, 10)}: spent ${usd(s.spentUsd)}, held ${usd(s.heldUsd)}, remaining ${usd(s.remainingUsd)}`
    )
    out.push(
      `decision: ${r.decision.decision.toUpperCase()} (allowed=${r.decision.allowed}, max-budget-usd ${r.decision.maxBudgetUsd.toFixed(4)}) — ${r.decision.reason}`
    )
    if (r.runway)
      out.push(
        `runway: ${r.runway.runsThatFit} more runs like this fit${r.runway.exhaustsOn ? `; at this pace the credit runs out on ${r.runway.exhaustsOn}` : ''}`
      )
  }
  if (r.actual) {
    const a = r.actual
    out.push('')
    out.push(
      `actual: ${usd(a.usd)}${a.unverified ? ' (unverified)' : ''}${a.claudeReportedUsd !== undefined ? `, Claude reported ${usd(a.claudeReportedUsd)}` : ''}${a.subtype ? `, ${a.subtype}` : ''}${a.turns !== undefined ? `, ${a.turns} turns` : ''}`
    )
  }
  if (r.ledger) out.push(`ledger: ${r.ledger.location}${r.ledger.error ? ` (error: ${r.ledger.error})` : ''}`)
  if (r.ledger?.waited) out.push(`ledger: ${describeLedgerWait(r.ledger.waited)}`)
  for (const notice of r.notices) out.push(`note: ${notice}`)
  out.push('')
  out.push('estimate = our model; API-equivalent = Claude’s total_cost_usd; actual = what we recorded')
  return out.join('\n')
}

export function renderStatusText(s: StatusReport): string {
  const out = [
    `ledger: ${s.ledger}`,
    `cycle: ${s.cycle.start.slice(0, 10)} → resets ${s.cycle.resetsAt.slice(0, 10)}`,
    `credit: ${s.credit.label}`,
    `spent ${usd(s.state.spentUsd)} (external ${usd(s.state.externalSpendUsd)}) · held ${usd(s.state.heldUsd)} · remaining ${usd(s.state.remainingUsd)} of ${usd(s.state.budgetUsd)}`,
    `runway: ${usd(s.runway.burnUsdPerDay)}/day${s.runway.exhaustsOn ? `, runs out on ${s.runway.exhaustsOn}` : ', lasts until the reset'}`
  ]
  if (s.lastEntries.length) {
    out.push(
      '',
      pad([
        ['updated', 'status', 'hold', 'actual', 'key'],
        ...s.lastEntries.map(e => [
          e.updatedAt.slice(0, 19).replace('T', ' '),
          e.status + (e.unverified ? ' (unverified)' : ''),
          usd(e.holdUsd),
          e.actualUsd !== undefined ? usd(e.actualUsd) : '—',
          e.key
        ])
      ])
    )
  }
  return out.join('\n')
}

export function renderCostText(c: CostReport): string {
  return (
    `${c.path}: $${c.usd.toFixed(4)} (our price table ${c.priceTableAsOf})` +
    (c.claudeReportedUsd !== undefined ? `; Claude reported $${c.claudeReportedUsd.toFixed(4)}` : '') +
    (c.mismatch ? `\n${c.mismatch}` : '')
  )
}

export function renderTokensText(t: TokensReport): string {
  return `${t.tokens} tokens (${t.low}–${t.high}) for ${t.model}, tokenizer family ${t.family}`
}
