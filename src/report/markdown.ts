/**
 * The report as markdown. Two lines first, from the headline (what it cost or holds, against what was
 * expected, what is left, what to do now); for a refused run the ways out, each with its figure; one
 * table; the cycle's money and burn-down; details folded away; the data's date and source at the bottom.
 * Size-safe: details are cut first, never the headline or the table.
 */
import { spendMarkdown } from './spend.js'
import type { GateReport } from './types.js'
import { describeLedgerWait } from './ledger-wait.js'
import { usd } from '../budget/format.js'
import { escapeMarkdown as esc } from './escape.js'
import { calibrationSentence } from '../estimate/history.js'
import { headlineOf, type Headline } from './headline.js'
import { figuresOf, type Grid } from './figures.js'
import { metersGrid } from './meters.js'
import { burnDownChart, burnDownLegend, burnDownSeries, burnDownTable } from './burn-down.js'
import { dollarsMeaning, fromNow, pct, plural, sentence, shortDate } from './format.js'
import type { WaysOut } from './ways-out.js'

export const LIMITS = { comment: 65_536, check: 65_535, summary: 1_048_576 } as const

/** Where the docs on reading a report and getting out of a refusal live. */
export const DOCS_URL = 'https://github.com/agent-credit-gate/agent-credit-gate/blob/v1/docs/reports.md'

/** The hidden marker that finds our sticky comment again (one per comment-tag). */
export function commentMarker(tag: string): string {
  return `<!-- agent-credit-gate:comment:${tag.replace(/[^\w.-]/g, '')} -->`
}

/** ⟦figure⟧ → **figure**, the rest escaped. */
const strong = (s: string) => esc(s).replace(/⟦/g, '**').replace(/⟧/g, '**')

/** The headline as two markdown lines (a hard break between them). */
export function headlineMarkdown(h: Headline): string {
  return `${h.icon} **${esc(h.verdict)}** — ${h.facts.map(strong).join(' · ')}  \n${esc(h.next)}`
}

function gridMarkdown(g: Pick<Grid, 'head' | 'rows' | 'notes'> & { numeric?: boolean[] }): string {
  const line = (cells: string[]) => `| ${cells.map(c => esc(c)).join(' | ')} |`
  // Figures align right, words left; the first column is always a label.
  const align = g.head.map((_, i) => (i > 0 && (g.numeric?.[i] ?? true) ? '---:' : ':---'))
  return [
    line(g.head),
    `| ${align.join(' | ')} |`,
    ...g.rows.map(line),
    ...(g.notes.length ? ['', ...g.notes.map(n => `<sub>${esc(n)}</sub>  `)] : [])
  ].join('\n')
}

/** The ways out of a refusal, in full: each with the setting to change and its figure. */
function waysOutMarkdown(w: WaysOut, r: GateReport): string {
  const left = usd(Math.max(0, r.budget?.state.remainingUsd ?? 0))
  const items = [
    `**Wait for the reset**: the credit resets on ${shortDate(w.resetsAt)} at 00:00 UTC (${fromNow(w.resetsAt, r.generatedAt)}); re-run the job then.`
  ]
  if (w.shortfallUsd > 0)
    items.push(
      `**Raise the budget** by ${usd(w.shortfallUsd)}: \`overage: ${w.raise.overageUsd.toFixed(2)}\` to allow spend past the credit, or \`monthly-credits: ${w.raise.monthlyCreditsUsd.toFixed(2)}\` if your credit is larger than the preset.`
    )
  if (w.maxTurns)
    items.push(
      `**Fewer turns**: \`max-turns: ${w.maxTurns.turns}\` (now ${w.maxTurns.from}): ${plural(w.maxTurns.turns, 'turn')} cost ${usd(w.maxTurns.usd)} by this estimate, within the ${left} left.${w.maxTurns.belowTypical ? ' That is fewer than a typical run takes, so the agent may stop before it finishes.' : ''}`
    )
  for (const m of w.cheaperModels)
    items.push(
      `**A cheaper model**: \`model: ${esc(m.alias)}\` (${esc(m.displayName)}) holds ${usd(m.gatedUsd)} for the same tokens${m.fits ? `, within the ${left} left` : `, still more than the ${left} left`}.`
    )
  if (r.decision?.onExhaust === 'fail')
    items.push(
      '**Skip instead of failing**: `on-exhaust: skip` leaves the job green and skips the agent step.'
    )
  return `**What you can do** ([how the gate decides](${DOCS_URL}#when-a-run-is-refused))\n\n${items.map(i => `- ${i}`).join('\n')}`
}

/** The cycle's money in one line: every figure says whether it is the cycle's or this run's. */
function cycleLine(r: GateReport): string | undefined {
  const b = r.budget
  if (!b) return undefined
  const s = b.state
  // A settled run whose actual could not be written still counts its hold, as the gate left it.
  const unrecorded = Boolean(r.actual && r.ledger?.error)
  const hold = (!r.actual || unrecorded) && r.decision?.allowed ? r.decision.holdUsd : 0
  const used = s.spentUsd + s.heldUsd + hold
  const parts = [
    `spent ${usd(s.spentUsd)}${r.actual && !unrecorded ? `, this run's ${usd(r.actual.usd)} included` : ''}${s.externalSpendUsd > 0 ? `, ${usd(s.externalSpendUsd)} of it outside this ledger` : ''}`,
    ...(s.heldUsd > 0 ? [`other runs hold ${usd(s.heldUsd)}`] : []),
    ...(hold > 0
      ? [unrecorded ? `this run's hold of ${usd(hold)} stays counted` : `this run holds ${usd(hold)}`]
      : []),
    `left ${usd(Math.max(0, s.budgetUsd - used))} of ${usd(s.budgetUsd)} (${pct(used / Math.max(s.budgetUsd, 1e-9))} used)`
  ]
  return `**This cycle** (${shortDate(b.cycle.start)} – ${shortDate(b.cycle.resetsAt)}): ${parts.join(' · ')}.`
}

function details(title: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${title}</summary>\n\n${body}\n\n</details>`
}

/** The burn-down: open in the job summary, folded in the comment and the check run. */
function burnDown(r: GateReport, open: boolean): string | undefined {
  const s = burnDownSeries(r)
  if (!s) return undefined
  const table = details('Burn-down as a table', burnDownTable(s))
  const body = `${burnDownChart(s)}\n\n<sub>${esc(burnDownLegend(s))}</sub>\n\n${table}`
  const spent = s.spent.filter(x => x !== null).at(-1) ?? 0
  return open
    ? body
    : details(
        `Burn-down: ${usd(spent)} of ${usd(s.budgetUsd)} spent by ${shortDate(s.today)}; ${usd(s.pace.at(-1) ?? 0)} by the reset at this pace`,
        body
      )
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
          '| settled (UTC) | model | actual | estimate p50 | turns |',
          '| --- | --- | ---: | ---: | ---: |',
          ...r.recentRuns.map(
            x =>
              `| ${x.settledAt.slice(0, 16).replace('T', ' ')} | ${x.model ? esc(x.model) : '—'} | ${usd(x.actualUsd)} | ${x.estimateP50Usd !== undefined ? usd(x.estimateP50Usd) : '—'} | ${x.turns ?? '—'} |`
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
        `Blended the model (p50 ${usd(b.model.p50Usd)}) with ${plural(b.sampleSize, 'past run')} (p50 ${usd(b.history?.p50Usd ?? 0)}, weight ${pct(b.history?.weight ?? 0)}).${cal ? ` ${sentence(cal)}.` : ''}`
      )
    )
  }
  const rows = r.estimate.loop.perTurn
  const shown = rows.slice(0, 30)
  const why =
    b.source === 'blended'
      ? `The model alone, request by request. The headline's p50 (${usd(b.p50Usd)}) blends it with past runs, so it differs from these rows' total.\n\n`
      : ''
  blocks.push(
    details(
      'Per turn (estimate)',
      why +
        [
          '| turn | context tokens | cost | cumulative |',
          '| ---: | ---: | ---: | ---: |',
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

function footer(r: GateReport, runUrl?: string): string {
  const parts = [
    `Prices: ${esc(r.priceTable.source)}, as of ${r.priceTable.asOf}.`,
    r.budget ? `Credit: ${esc(r.budget.credit.label)}.` : undefined,
    dollarsMeaning(r.auth),
    r.ledger ? `Ledger: ${esc(r.ledger.location)}.` : undefined,
    r.ledger?.waited ? `Gate ${describeLedgerWait(r.ledger.waited)}.` : undefined,
    'Estimate = our model; actual = Claude’s usage priced with the table above; API-equivalent = Claude’s own total_cost_usd.',
    runUrl ? `[Run](${runUrl})` : undefined
  ]
  return `<sub>${parts.filter(Boolean).join(' ')}</sub>`
}

export type Variant = 'comment' | 'summary' | 'check' | 'short'

/**
 * Render a report for a PR comment, the job summary, a check run's summary, or the short job summary
 * main writes when post will write the full one.
 */
export function renderReport(
  r: GateReport,
  opts: { variant: Variant; marker?: string; runUrl?: string; maxChars?: number }
): string {
  const h = headlineOf(r)
  const refused = r.decision?.decision === 'fail' && r.waysOut && !r.actual
  const head = [
    opts.marker,
    `### Agent credits · ${esc(r.job.workflow)} / ${esc(r.job.job)}`,
    headlineMarkdown(h),
    refused ? waysOutMarkdown(r.waysOut!, r) : undefined
  ].filter(Boolean) as string[]
  if (opts.variant === 'short') {
    const more =
      '_The full report (estimate against actual, the burn-down, details) follows in this action’s post-step summary once the agent step has run._'
    const windows = metersGrid(r.meters, new Date(r.generatedAt))
    const spend = r.spend ? [spendMarkdown(r.spend)] : []
    return `${[...head, gridMarkdown(figuresOf(r)), ...(windows ? [gridMarkdown(windows)] : []), ...spend, more].join('\n\n')}\n`
  }
  const windows = metersGrid(r.meters, new Date(r.generatedAt))
  head.push(
    gridMarkdown(figuresOf(r)),
    ...[
      cycleLine(r),
      windows ? gridMarkdown(windows) : undefined,
      r.spend ? spendMarkdown(r.spend) : undefined
    ].filter((x): x is string => Boolean(x))
  )
  const limit = opts.maxChars ?? LIMITS[opts.variant]
  const tail = footer(r, opts.runUrl)
  const extra = [burnDown(r, opts.variant === 'summary'), ...detailBlocks(r)].filter(Boolean) as string[]
  const size = (s: string) => (opts.variant === 'check' ? Buffer.byteLength(s) : s.length)
  const note = `_… details truncated to fit GitHub's limit; the job summary has the full report._`
  let body = `${[...head, ...extra, tail].join('\n\n')}\n`
  while (size(body) > limit && extra.length > 0) {
    extra.pop()
    body = `${[...head, ...extra, note, tail].join('\n\n')}\n`
  }
  // The headline and table alone never come near the limit; a hostile notice cannot reach here.
  return size(body) > limit ? body.slice(0, limit) : body
}
