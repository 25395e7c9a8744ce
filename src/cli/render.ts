/** Plain-text reports for the terminal (no markdown). */
import type { GateReport } from '../report/types.js'
import type { StatusReport } from '../steps/status.js'
import type { CostReport } from '../steps/cost.js'
import type { TokensReport } from '../steps/tokens.js'
import { usd } from '../budget/format.js'
import { consequencesOf, decisionLine, moneyLeft } from '../budget/consequences.js'
import { runLabel } from '../ledger/runs.js'
import { CAP_WORDS, headlineOf, headlineText } from '../report/headline.js'
import { figuresOf } from '../report/figures.js'
import { metersText } from '../report/meters.js'
import { describeLedgerWait } from '../report/ledger-wait.js'
import { dollarsMeaning } from '../report/format.js'

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

/** The run's key and the commands that name it: --run-id when the run was given one, else --key. */
function keyLine(r: GateReport, explicitRun: boolean): string | undefined {
  if (!r.key) return undefined
  const name = explicitRun ? `--run-id ${r.job.runId}` : `--key ${r.key}`
  return `run: ${runLabel(r.key)}, key ${r.key}; settle it with agent-credit-gate record ${name} --usage-file F, or drop the hold with agent-credit-gate release ${name}`
}

export function renderEstimateText(r: GateReport, opts: { explicitRun?: boolean } = {}): string {
  const h = headlineOf(r)
  const grid = figuresOf(r)
  const out: string[] = [headlineText(h), h.next, '']
  out.push(pad([grid.head, ...grid.rows]))
  out.push(...grid.notes)
  out.push('')
  const l = r.estimate.loop
  out.push(`${r.model.displayName} (${r.model.id}) · prices as of ${r.priceTable.asOf}`)
  out.push(
    `first request ${n(l.firstRequestTokens)} tokens (prefix + prompt + context); cache: uncached run ${usd(l.uncachedUsd)}, ideal cache ${usd(l.idealUsd)}, waste ${usd(l.cacheWasteUsd)}`
  )
  const b = r.estimate.blended
  for (const a of r.assumptions) {
    if (a.name === 'cache TTL') out.push(`cache TTL ${a.value}: ${a.source}`)
    if (a.name === 'p90 and max') out.push(a.value)
  }
  if (b.source === 'blended')
    out.push(`history: blended with ${b.sampleSize} past runs (model p50 ${usd(b.model.p50Usd)})`)
  if (r.budget) {
    const s = r.budget.state
    out.push(`budget: ${r.budget.credit.label}`)
    out.push(
      `cycle ${r.budget.cycle.start.slice(0, 10)} → resets ${r.budget.cycle.resetsAt.slice(0, 10)}: spent ${usd(s.spentUsd)}, held ${usd(s.heldUsd)}, ${moneyLeft(s)}`
    )
  }
  if (r.decision) {
    // The decision's word is the refusal policy's, the same the comment and the check run use.
    const c = consequencesOf(r.decision)
    out.push(`decision: ${decisionLine(c.word, r.decision.reason)}`)
    out.push(
      c.allowed
        ? `hold-usd: ${r.decision.holdUsd.toFixed(4)} (reserved in the ledger) · max-budget-usd: ${r.decision.maxBudgetUsd.toFixed(4)} (the cap: ${CAP_WORDS[r.decision.capBy]}; pass it to Claude's --max-budget-usd)`
        : 'max-budget-usd: 0 (nothing held: the agent step must not run)'
    )
  }
  out.push(...metersText(r.meters, new Date(r.generatedAt)))
  if (r.actual?.subtype) out.push(`result: ${r.actual.subtype}${r.actual.isError ? ' (error)' : ''}`)
  const key = r.decision?.allowed ? keyLine(r, opts.explicitRun ?? false) : undefined
  if (key) out.push(key)
  if (r.ledger) out.push(`ledger: ${r.ledger.location}${r.ledger.error ? ` (error: ${r.ledger.error})` : ''}`)
  if (r.ledger?.waited) out.push(`ledger: ${describeLedgerWait(r.ledger.waited)}`)
  for (const notice of r.notices) out.push(`note: ${notice}`)
  out.push('')
  out.push(
    'estimate = our model; actual = Claude’s usage priced with our table; API-equivalent = Claude’s total_cost_usd'
  )
  const dollars = dollarsMeaning(r.auth)
  if (dollars) out.push(dollars)
  return out.join('\n')
}

export function renderStatusText(s: StatusReport): string {
  const out = [
    `ledger: ${s.ledger}`,
    `cycle: ${s.cycle.start.slice(0, 10)} → resets ${s.cycle.resetsAt.slice(0, 10)}`,
    `credit: ${s.credit.label}`,
    `spent ${usd(s.state.spentUsd)} (external ${usd(s.state.externalSpendUsd)}) · held ${usd(s.state.heldUsd)} · ${moneyLeft(s.state)}`,
    `runway: ${usd(s.runway.burnUsdPerDay)}/day${s.runway.exhaustsOn ? `, runs out on ${s.runway.exhaustsOn}` : ', lasts until the reset'}`,
    `money: ${usd(s.money.realUsd)} real · ${usd(s.money.notionalUsd)} notional (subscription API-equivalent)${s.money.unlabelledUsd > 0 ? ` · ${usd(s.money.unlabelledUsd)} unlabelled (recorded before runs were labelled)` : ''}${s.appliesTo === 'real' ? '; budgets count real money only' : ''}`,
    `prevented: ${usd(s.prevented.p50Usd)} this cycle (${s.prevented.runs} run${s.prevented.runs === 1 ? '' : 's'} refused or skipped, at their p50 estimate)`
  ]
  for (const [title, groups] of [
    ['by actor', s.byActor],
    ['by job', s.byJob],
    ['by pull request', s.byPr]
  ] as const) {
    if (groups.length === 0) continue
    out.push(
      '',
      `spend ${title}:`,
      pad([
        ['', 'runs', 'settled', 'held', 'real'],
        ...groups.map(g => [g.key, String(g.runs), usd(g.settledUsd), usd(g.heldUsd), usd(g.realUsd)])
      ])
    )
  }
  if (s.lastEntries.length) {
    out.push(
      '',
      pad([
        // Runs as users name them (--run-id, --job); the key for --key last.
        ['updated', 'status', 'hold', 'actual', 'run', 'key'],
        ...s.lastEntries.map(e => [
          e.updatedAt.slice(0, 19).replace('T', ' '),
          e.status + (e.unverified ? ' (unverified)' : ''),
          usd(e.holdUsd),
          e.actualUsd !== undefined ? usd(e.actualUsd) : '—',
          runLabel(e.key),
          e.key
        ])
      ])
    )
  }
  out.push(...metersText(s.meters, new Date(s.generatedAt)))
  for (const notice of s.notices) out.push(`note: ${notice}`)
  return out.join('\n')
}

export function renderCostText(c: CostReport): string {
  const basis =
    c.basis === 'claude-reported'
      ? "Claude's own figure: no per-model usage to price"
      : `our price table ${c.priceTableAsOf}, prices of ${c.pricedOn.day} (${c.pricedOn.from})`
  return [
    `${c.path}: $${c.usd.toFixed(4)} (${basis})` +
      (c.claudeReportedUsd !== undefined ? `; Claude reported $${c.claudeReportedUsd.toFixed(4)}` : ''),
    ...(c.mismatch ? [c.mismatch] : []),
    ...c.notes
  ].join('\n')
}

export function renderTokensText(t: TokensReport): string {
  return `${t.tokens} tokens (${t.low}–${t.high}) for ${t.model}, tokenizer family ${t.family}`
}
