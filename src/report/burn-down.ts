/**
 * The cycle's burn-down: every day of the billing cycle on the x axis (so time is to scale and quiet
 * days and weekends show), settled spend to date as bars, the budget as a line, and the cycle's pace
 * projected to the reset as a second line. Mermaid `xychart-beta` (every GitHub Mermaid since 10.6
 * draws it), with a plain table beside it for readers and clients without Mermaid.
 */
import type { GateReport } from './types.js'
import { usd } from '../budget/format.js'
import { shortDate } from './format.js'

/** Bars, budget line, pace line: strong, colour-blind-safe colours that read on light and dark themes. */
export const CHART_COLOURS = { spent: '#0969da', budget: '#cf222e', pace: '#bf8700' } as const

export interface BurnDownSeries {
  /** Every day of the cycle, YYYY-MM-DD. */
  days: string[]
  /** Settled spend to date at the end of each day; null after today. */
  spent: Array<number | null>
  /** The cycle's pace (USD/day) times the days elapsed at the end of each day. */
  pace: number[]
  budgetUsd: number
  burnUsdPerDay: number
  today: string
}

const DAY = 86_400_000

/** The chart's data from the report; undefined without a budget. */
export function burnDownSeries(r: GateReport): BurnDownSeries | undefined {
  const b = r.budget
  if (!b) return undefined
  const start = Date.parse(b.cycle.start)
  const end = Date.parse(b.cycle.resetsAt)
  const today = r.generatedAt.slice(0, 10)
  const byDay = new Map((r.burnDown ?? []).map(d => [d.date, d.cumulativeUsd]))
  const burn = r.runway?.burnUsdPerDay ?? 0
  const days: string[] = []
  const spent: Array<number | null> = []
  const pace: number[] = []
  let toDate = 0
  for (let t = start, i = 1; t < end; t += DAY, i++) {
    const day = new Date(t).toISOString().slice(0, 10)
    toDate = byDay.get(day) ?? toDate
    days.push(day)
    spent.push(day <= today ? toDate : null)
    pace.push(burn * i)
  }
  return { days, spent, pace, budgetUsd: b.state.budgetUsd, burnUsdPerDay: burn, today }
}

/** A round axis top a little above the highest figure. */
function axisTop(x: number): number {
  const raw = Math.max(x * 1.1, 0.01)
  const step = 10 ** Math.floor(Math.log10(raw)) / 2
  return Math.ceil(raw / step) * step
}

const money = (x: number) => x.toFixed(2)

/** The Mermaid source of the chart. */
export function burnDownChart(s: BurnDownSeries): string {
  const top = axisTop(Math.max(s.budgetUsd, s.pace.at(-1) ?? 0, ...s.spent.map(x => x ?? 0)))
  // xychart has no gaps: a day with nothing spent yet, or still to come, gets a bar far below the
  // axis, which draws nothing (a 0 draws a stub that reads as spend).
  const none = money(-top)
  const c = CHART_COLOURS
  return [
    '```mermaid',
    '---',
    'config:',
    '  xyChart:',
    '    height: 320',
    '    xAxis:',
    '      labelFontSize: 12',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${c.spent}, ${c.budget}, ${c.pace}"`,
    '---',
    'xychart-beta',
    `  title "Spent this cycle, ${shortDate(s.days[0])} to ${shortDate(nextDay(s.days.at(-1)!))} (USD)"`,
    `  x-axis [${s.days.map(d => `"${Number(d.slice(8))}"`).join(', ')}]`,
    `  y-axis "USD" 0 --> ${top}`,
    `  %% ${none}: nothing spent yet, or a day after ${s.today}: no bar`,
    `  bar [${s.spent.map(x => (x === null || x === 0 ? none : money(x))).join(', ')}]`,
    `  line [${s.days.map(() => money(s.budgetUsd)).join(', ')}]`,
    `  line [${s.pace.map(money).join(', ')}]`,
    '```'
  ].join('\n')
}

function nextDay(day: string): string {
  return new Date(Date.parse(day) + DAY).toISOString()
}

/** One sentence naming what each mark of the chart is, with its figure. */
export function burnDownLegend(s: BurnDownSeries): string {
  const spent = s.spent.filter(x => x !== null).at(-1) ?? 0
  return (
    `Blue bars: settled spend to date (${usd(spent)} by ${shortDate(s.today)}). ` +
    `Red line: the ${usd(s.budgetUsd)} budget. ` +
    `Yellow line: this cycle's pace (${usd(s.burnUsdPerDay)}/day), ${usd(s.pace.at(-1) ?? 0)} by the reset on ${shortDate(nextDay(s.days.at(-1)!))}.`
  )
}

/** The same data as a table: the days with spend, and where the pace leads. */
export function burnDownTable(s: BurnDownSeries): string {
  const rows: string[] = ['| day | spent that day | spent to date |', '| --- | ---: | ---: |']
  let before = 0
  for (const [i, day] of s.days.entries()) {
    const x = s.spent[i]
    if (x === null || x === before) continue
    rows.push(`| ${shortDate(day)} | ${usd(x - before)} | ${usd(x)} |`)
    before = x
  }
  rows.push(`| ${shortDate(nextDay(s.days.at(-1)!))} (reset), at this pace | | ${usd(s.pace.at(-1) ?? 0)} |`)
  return rows.join('\n')
}
