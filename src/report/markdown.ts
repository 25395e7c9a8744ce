/**
 * The report as markdown: headline sentence first, one small table, the budget bar and runway,
 * details folded away, the data's date and source at the bottom (Infracost/Codecov style).
 * Size-safe: details are cut first, never the headline or the table.
 */
import type { GateReport } from './types.js'
import { describeLedgerWait } from './ledger-wait.js'
import { usd } from '../budget/format.js'
import { escapeMarkdown as esc } from './escape.js'
import { calibrationSentence } from '../estimate/history.js'
import { cacheHitRate } from '../usage/cost.js'
import { consequencesOf } from '../budget/consequences.js'

export const LIMITS = { comment: 65_536, check: 65_535, summary: 1_048_576 } as const

/** The hidden marker that finds our sticky comment again (one per comment-tag). */
export function commentMarker(tag: string): string {
  return `<!-- agent-credit-gate:comment:${tag.replace(/[^\w.-]/g, '')} -->`
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`
const date = (iso: string) =>
  new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })

function headline(r: GateReport): string {
  const b = r.estimate.blended
  const left = r.budget
    ? ` of the **${usd(Math.max(0, r.budget.state.remainingUsd))}** left of your ${r.budget.credit.label.split(' (')[0]}`
    : ''
  const resets = r.budget ? `; resets ${date(r.budget.cycle.resetsAt)}` : ''
  if (r.actual) {
    const a = r.actual
    return `${a.unverified ? '⚠️' : '🧾'} **Spent ${usd(a.usd)}**${a.unverified ? ' (unverified: no Claude result, the hold was kept as spent)' : ''} — estimate p50 ${usd(b.p50Usd)}, p90 ${usd(b.p90Usd)}${resets}.`
  }
  const d = r.decision
  const est = `estimated **${usd(b.p50Usd)}** (p90 ${usd(b.p90Usd)})`
  if (!d)
    return `📊 **Estimate** — ${est} for ${esc(r.model.displayName)}${r.ledger?.error ? ' (ledger unavailable: not gated)' : ''}.`
  const { icon, word, then } = consequencesOf(d)
  return `${icon} **${word}** — ${est}${left}${resets}.${then ? ` ${then}` : ''}`
}

function mainTable(r: GateReport): string {
  const l = r.estimate.loop
  const b = r.estimate.blended
  const a = r.actual
  const rows = [
    '| | Estimate | API-equivalent (Claude) | Recorded actual |',
    '| --- | --- | --- | --- |',
    `| Cost | p50 ${usd(b.p50Usd)} · p90 ${usd(b.p90Usd)} · max ${usd(b.maxUsd)} | ${a?.claudeReportedUsd !== undefined ? usd(a.claudeReportedUsd) : '—'} | ${a ? usd(a.usd) + (a.unverified ? ' (unverified)' : '') : '—'} |`,
    `| Turns | ${l.turns.p50} (p90 ${l.turns.p90}, max ${l.turns.max}) | ${a?.turns ?? '—'} | |`
  ]
  const t = l.tokens
  const at = a?.tokens
  const tok = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en-US'))
  rows.push(
    `| Input tokens | ${tok(t.inputTokens)} | ${tok(at?.inputTokens)} | |`,
    `| Cache writes 5m / 1h | ${tok(t.cacheWrite5mTokens)} / ${tok(t.cacheWrite1hTokens)} | ${tok(at?.cacheWrite5mTokens)} / ${tok(at?.cacheWrite1hTokens)} | |`,
    `| Cache reads | ${tok(t.cacheReadTokens)} | ${tok(at?.cacheReadTokens)} | |`,
    `| Output tokens | ${tok(t.outputTokens)} | ${tok(at?.outputTokens)} | |`,
    `| Cache hit rate | ${pct(cacheHitRate(t))} | ${a?.cacheHitRate !== undefined ? pct(a.cacheHitRate) : '—'} | |`,
    `| Cache waste | ${usd(l.cacheWasteUsd)} (uncached ${usd(l.uncachedUsd)}, ideal ${usd(l.idealUsd)}) | | |`
  )
  return rows.join('\n')
}

function budgetBar(r: GateReport): string | undefined {
  if (!r.budget) return undefined
  const s = r.budget.state
  const run = r.actual ? 0 : r.decision?.allowed ? r.decision.maxBudgetUsd : 0
  const total = Math.max(s.budgetUsd, s.spentUsd + s.heldUsd + run, 0.000001)
  const cells = (x: number) => Math.round((Math.max(0, x) / total) * 30)
  const spent = cells(s.spentUsd)
  const held = cells(s.heldUsd)
  const mine = cells(run)
  const rest = Math.max(0, 30 - spent - held - mine)
  const bar = '█'.repeat(spent) + '▓'.repeat(held) + '▒'.repeat(mine) + '░'.repeat(rest)
  return `\`${bar}\` spent ${usd(s.spentUsd)} · held ${usd(s.heldUsd)}${run ? ` · this run ${usd(run)}` : ''} · left ${usd(Math.max(0, s.remainingUsd - run))} of ${usd(s.budgetUsd)}`
}

function runwayLine(r: GateReport): string | undefined {
  const w = r.runway
  if (!w || !r.budget) return undefined
  const when = w.exhaustsOn
    ? `the credit runs out on ${date(w.exhaustsOn)}`
    : 'the credit lasts until it resets'
  return `At this cycle's pace (${usd(w.burnUsdPerDay)}/day) ${when}; about ${w.runsThatFit} more run${w.runsThatFit === 1 ? '' : 's'} of this job fit.`
}

function details(title: string, body: string): string {
  return `<details><summary>${title}</summary>\n\n${body}\n\n</details>`
}

function detailBlocks(r: GateReport): string[] {
  const blocks: string[] = []
  blocks.push(
    details(
      'Assumptions',
      [
        '| assumption | value | source |',
        '| --- | --- | --- |',
        ...r.assumptions.map(a => `| ${esc(a.name)} | ${esc(a.value)} | ${esc(a.source)} |`)
      ].join('\n')
    )
  )
  if (r.recentRuns?.length) {
    blocks.push(
      details(
        'Last runs of this job',
        [
          '| settled | actual | estimate p50 | turns |',
          '| --- | --- | --- | --- |',
          ...r.recentRuns.map(
            x =>
              `| ${x.settledAt.slice(0, 16).replace('T', ' ')} | ${usd(x.actualUsd)} | ${x.estimateP50Usd !== undefined ? usd(x.estimateP50Usd) : '—'} | ${x.turns ?? '—'} |`
          )
        ].join('\n')
      )
    )
  }
  const b = r.estimate.blended
  if (b.source === 'blended') {
    const cal = calibrationSentence(b)
    blocks.push(
      details(
        'History',
        `Blended the model (p50 ${usd(b.model.p50Usd)}) with ${b.sampleSize} past run${b.sampleSize === 1 ? '' : 's'} (p50 ${usd(b.history?.p50Usd ?? 0)}, weight ${pct(b.history?.weight ?? 0)}).${cal ? ` ${cal}.` : ''}`
      )
    )
  }
  const rows = r.estimate.loop.perTurn
  const shown = rows.slice(0, 30)
  blocks.push(
    details(
      'Per turn (estimate)',
      [
        '| turn | context tokens | cost | cumulative |',
        '| --- | --- | --- | --- |',
        ...shown.map(
          t =>
            `| ${t.turn}${t.compacted ? ' (compacted)' : ''} | ${t.contextTokens.toLocaleString('en-US')} | ${usd(t.usd)} | ${usd(t.cumulativeUsd)} |`
        ),
        ...(rows.length > shown.length ? [`| … | ${rows.length - shown.length} more turns | | |`] : [])
      ].join('\n')
    )
  )
  if (r.notices.length) blocks.push(details('Notices', r.notices.map(n => `- ${esc(n)}`).join('\n')))
  return blocks
}

function burnDown(r: GateReport): string | undefined {
  const days = r.burnDown ?? []
  if (!r.budget || days.length === 0) return undefined
  const credit = r.budget.state.creditUsd
  const top = Math.max(credit, days[days.length - 1].cumulativeUsd)
  const labels = days.map(d => `"${d.date.slice(5)}"`).join(', ')
  const chart = [
    '```mermaid',
    'xychart-beta',
    '  title "Agent credit this cycle (USD)"',
    `  x-axis [${labels}]`,
    `  y-axis "USD" 0 --> ${Math.ceil(top * 1.1 * 100) / 100}`,
    `  bar [${days.map(d => d.cumulativeUsd.toFixed(2)).join(', ')}]`,
    `  line [${days.map(() => credit.toFixed(2)).join(', ')}]`,
    '```'
  ].join('\n')
  const table = [
    '| day | spent so far | credit |',
    '| --- | --- | --- |',
    ...days.map(d => `| ${d.date} | ${usd(d.cumulativeUsd)} | ${usd(credit)} |`)
  ].join('\n')
  return `${chart}\n\n${details('Burn-down as a table', table)}`
}

function footer(r: GateReport, runUrl?: string): string {
  const parts = [
    `Prices: ${esc(r.priceTable.source)}, as of ${r.priceTable.asOf}.`,
    r.budget ? `Credit: ${esc(r.budget.credit.label)}.` : undefined,
    r.ledger ? `Ledger: ${esc(r.ledger.location)}.` : undefined,
    r.ledger?.waited ? `Gate ${describeLedgerWait(r.ledger.waited)}.` : undefined,
    'Estimate = our model; API-equivalent = Claude’s total_cost_usd; actual = what we recorded.',
    runUrl ? `[Run](${runUrl})` : undefined
  ]
  return `<sub>${parts.filter(Boolean).join(' ')}</sub>`
}

/** Render a report for a PR comment, the job summary, or a check run's summary. */
export function renderReport(
  r: GateReport,
  opts: { variant: 'comment' | 'summary' | 'check'; marker?: string; runUrl?: string; maxChars?: number }
): string {
  const limit = opts.maxChars ?? LIMITS[opts.variant]
  const head = [
    opts.marker,
    `### Agent credits · ${esc(r.job.workflow)} / ${esc(r.job.job)}`,
    headline(r),
    mainTable(r),
    budgetBar(r),
    runwayLine(r)
  ].filter(Boolean) as string[]
  const tail = footer(r, opts.runUrl)
  const extra = [...(opts.variant === 'summary' ? [burnDown(r)] : []), ...detailBlocks(r)].filter(
    Boolean
  ) as string[]
  const size = (s: string) => (opts.variant === 'check' ? Buffer.byteLength(s) : s.length)
  const note = `_… details truncated to fit GitHub's limit; the job summary has the full report._`
  let body = [...head, ...extra, tail].join('\n\n')
  while (size(body) > limit && extra.length > 0) {
    extra.pop()
    body = [...head, ...extra, note, tail].join('\n\n')
  }
  // The headline and table alone never come near the limit; a hostile notice cannot reach here.
  return size(body) > limit ? body.slice(0, limit) : body
}
