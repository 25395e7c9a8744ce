/**
 * The report's one table, as a grid both the markdown and the terminal render. Before the run: the
 * estimate at p50, p90 and max turns. After it: the estimate (p50) and the actual side by side, with
 * how far apart they are. Every column has figures; a token row that is zero everywhere is left out;
 * Claude's own figure and an assumption the run did not follow are notes under the table.
 */
import type { GateReport } from './types.js'
import type { TokenUsage } from '../pricing/types.js'
import { usd } from '../budget/format.js'
import { addUsage, NO_USAGE } from '../pricing/cost.js'
import { cacheHitRate } from '../usage/cost.js'
import { count, pct, versus } from './format.js'

export interface Grid {
  head: string[]
  rows: string[][]
  /** Notes under the table, each a sentence; one a cell points at starts with its mark (¹ ² …). */
  notes: string[]
}

const MARKS = ['¹', '²', '³', '⁴']

/** Tokens of the modelled run up to `turns` requests, summed from its per-request rows. */
function tokensUpTo(r: GateReport, turns: number): TokenUsage {
  return r.estimate.loop.perTurn.filter(t => t.turn <= turns).reduce((a, t) => addUsage(a, t.usage), NO_USAGE)
}

const writes = (u: TokenUsage) => u.cacheWrite5mTokens + u.cacheWrite1hTokens

const CLASSES: Array<{ label: string; of: (u: TokenUsage) => number; cell?: (u: TokenUsage) => string }> = [
  { label: 'Input tokens, uncached', of: u => u.inputTokens },
  { label: 'Cache writes', of: writes, cell: writesCell },
  { label: 'Cache reads', of: u => u.cacheReadTokens },
  { label: 'Output tokens', of: u => u.outputTokens },
  { label: 'Web searches', of: u => u.webSearchRequests }
]

/** Cache writes with the TTL they were written for: "26,145 (1 h)", "900 (5 min) + 2,000 (1 h)". */
function writesCell(u: TokenUsage): string {
  const parts = [
    ...(u.cacheWrite5mTokens > 0 ? [`${count(u.cacheWrite5mTokens)} (5 min)`] : []),
    ...(u.cacheWrite1hTokens > 0 ? [`${count(u.cacheWrite1hTokens)} (1 h)`] : [])
  ]
  return parts.length ? parts.join(' + ') : '0'
}

const cellOf = (c: (typeof CLASSES)[number], u: TokenUsage) => (c.cell ? c.cell(u) : count(c.of(u)))

/** The fan-out's share of the main loop in the estimate (side models and subagents run inside the loop). */
function fanOutShare(r: GateReport): number {
  const loop = r.estimate.loop
  const main = loop.p50Usd - loop.sideUsd
  return main > 0 ? loop.sideUsd / main : 0
}

const FAN_OUT = 'Fan-out (side models, subagents)'

function before(r: GateReport): Grid {
  const b = r.estimate.blended
  const t = r.estimate.loop.turns
  const at = [t.p50, t.p90, t.max].map(n => tokensUpTo(r, n))
  const blended = b.source === 'blended'
  const rows = [[blended ? `Cost ${MARKS[0]}` : 'Cost', usd(b.p50Usd), usd(b.p90Usd), usd(b.maxUsd)]]
  const share = fanOutShare(r)
  if (share > 0) {
    const costs = [b.p50Usd, b.p90Usd, b.maxUsd]
    rows.push(['Main loop', ...costs.map(c => usd(c / (1 + share)))])
    rows.push([FAN_OUT, ...costs.map(c => usd(c - c / (1 + share)))])
  }
  rows.push(['Turns', String(t.p50), String(t.p90), String(t.max)])
  for (const c of CLASSES) {
    const v = at.map(c.of)
    if (v.some(x => x > 0)) rows.push([c.label, ...at.map(u => cellOf(c, u))])
  }
  rows.push(['Cache hit rate', ...at.map(u => pct(cacheHitRate(u)))])
  const notes = blended ? [`${MARKS[0]} ${blendNote(r)}`] : []
  return { head: [`Estimate, ${r.model.displayName}`, 'p50', 'p90', 'max'], rows, notes }
}

/** Why the cost row and the token rows disagree when past runs are blended into the estimate. */
function blendNote(r: GateReport): string {
  const b = r.estimate.blended
  return `The estimated cost blends the model with ${b.sampleSize} past run${b.sampleSize === 1 ? '' : 's'} of this job; the token rows are the model's alone (its p50 is ${usd(b.model.p50Usd)}).`
}

/** The TTL the estimate assumed, from its assumptions list ('5m', '1h', 'off'). */
function assumedTtl(r: GateReport): string | undefined {
  return r.assumptions.find(a => a.name === 'cache TTL')?.value
}

function after(r: GateReport): Grid {
  const a = r.actual!
  const b = r.estimate.blended
  const est = tokensUpTo(r, r.estimate.loop.turns.p50)
  const notes: string[] = []
  let marks = 0
  const mark = (note: string) => {
    const m = MARKS[marks++] ?? '*'
    notes.push(`${m} ${note}`)
    return ` ${m}`
  }
  // Marks in reading order: the cost row's label, then its actual, then the cache writes.
  const blendMark = b.source === 'blended' ? mark(blendNote(r)) : ''
  const claude = a.claudeReportedUsd
  const claudeNote =
    claude !== undefined && Math.abs(claude - a.usd) >= 0.005
      ? mark(
          `Claude reported ${usd(claude)} (its API-equivalent total_cost_usd); the actual is Claude's usage priced with the ${r.priceTable.asOf} table.`
        )
      : ''
  const rows = [
    [
      `Cost${blendMark}`,
      usd(b.p50Usd),
      `${usd(a.usd)}${a.unverified ? ' (unverified)' : ''}${claudeNote}`,
      versus(a.usd, b.p50Usd)
    ]
  ]
  const models = a.byModel ?? []
  const main = models.find(m => m.model === a.mainModel)
  if (main && models.length > 1) {
    const share = fanOutShare(r)
    const mainEst = b.p50Usd / (1 + share)
    const fanOut = a.usd - main.usd
    rows.push(['Main loop', usd(mainEst), `${usd(main.usd)} (${main.model})`, versus(main.usd, mainEst)])
    rows.push([
      FAN_OUT,
      usd(b.p50Usd - mainEst),
      usd(fanOut),
      b.p50Usd - mainEst > 0 ? versus(fanOut, b.p50Usd - mainEst) : 'not expected'
    ])
  }
  if (a.turns !== undefined) {
    const d = a.turns - r.estimate.loop.turns.p50
    rows.push([
      'Turns',
      String(r.estimate.loop.turns.p50),
      String(a.turns),
      d === 0 ? 'on' : `${d > 0 ? '+' : ''}${d}`
    ])
  }
  if (models.length > 1 && !main)
    notes.push(
      `The actual covers ${models.length} models (${models.map(m => `${m.model} ${usd(m.usd)}`).join(', ')}); the estimate models ${r.model.displayName} alone.`
    )
  const u = a.tokens
  if (u) {
    const ttl = assumedTtl(r)
    const wrote5m = u.cacheWrite5mTokens > 0
    const wrote1h = u.cacheWrite1hTokens > 0
    const ttlNote =
      (ttl === '1h' && wrote5m && !wrote1h) || (ttl === '5m' && wrote1h && !wrote5m)
        ? mark(
            `The estimate assumed ${ttl === '1h' ? '1-hour' : '5-minute'} cache writes; the run wrote ${wrote1h ? '1-hour' : '5-minute'} ones (Claude CLIs before 2.1.311 report every write as 5-minute). Set cache-ttl to match.`
          )
        : ''
    for (const c of CLASSES) {
      const e = c.of(est)
      const x = c.of(u)
      if (e === 0 && x === 0) continue
      const flag = c.cell === writesCell && x > 0 ? ttlNote : ''
      rows.push([c.label, cellOf(c, est), `${cellOf(c, u)}${flag}`, e === 0 ? 'not expected' : versus(x, e)])
    }
    const he = cacheHitRate(est)
    const hx = cacheHitRate(u)
    const dp = Math.round(hx * 100) - Math.round(he * 100)
    rows.push(['Cache hit rate', pct(he), pct(hx), dp === 0 ? 'on' : `${dp > 0 ? '+' : ''}${dp} pts`])
  }
  return { head: [r.model.displayName, 'Estimate (p50)', 'Actual', 'Actual vs estimate'], rows, notes }
}

/** The table of a report: estimate only before the run, estimate against actual after it. */
export function figuresOf(r: GateReport): Grid {
  return r.actual ? after(r) : before(r)
}
