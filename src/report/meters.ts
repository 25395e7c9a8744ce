/**
 * The subscription's windows as every report shows them (comment, summary, check run, CLI): each
 * window's use or status, its reset in the reader's terms, and when (and by which run) Claude said so.
 * Nothing is shown that Claude did not report: a window without a utilization says only its status.
 */
import type { MeterView, MetersView } from '../budget/limits.js'
import { resetWords } from '../budget/limits.js'
import { fromNow, pct, sentence } from './format.js'

/** A grid like the report's other tables: a head row and body rows of plain text cells. */
export interface MetersGrid {
  head: string[]
  rows: string[][]
  /** Sentences under the table: this run's share of a window, a warning, why none was seen. */
  notes: string[]
  /** Which columns hold figures (aligned right). */
  numeric: boolean[]
}

const STATUS: Record<MeterView['status'], string> = {
  allowed: 'within its limit',
  allowed_warning: '⚠️ near its limit',
  rejected: '⛔ limit reached'
}

function reset(m: MeterView, now: Date): string {
  if (!m.resetsAt) return 'not reported'
  if (m.stale) return `reset ${resetWords(m.resetsAt, now)} (started over since)`
  return `${resetWords(m.resetsAt, now)} (${fromNow(m.resetsAt, now.toISOString())})`
}

/** An account's windows as a grid, or nothing when no window was ever seen for it. */
export function metersGrid(v: MetersView | undefined, now: Date): MetersGrid | undefined {
  if (!v) return undefined
  // The run by the id users see in the Actions UI; the time in the reader's terms.
  const seen = (m: MeterView) =>
    `${resetWords(m.seenAt, now)}, run ${decodeURIComponent(m.seenBy.split('/')[0])}`
  return {
    head: [`Subscription window (${v.account})`, 'Used', 'Status', 'Resets', 'Seen'],
    numeric: [false, true, false, false, false],
    rows: v.meters.map(m => [
      sentence(m.label),
      m.utilization !== undefined ? pct(m.utilization) : '—',
      m.stale ? 'reset since' : m.stopped ? '⛔ limit reached (a run stopped on it)' : STATUS[m.status],
      reset(m, now),
      seen(m)
    ]),
    notes: [...v.shares.map(s => `This run: ${s.sentence}.`), ...(v.note ? [sentence(v.note)] : [])]
  }
}

/** The windows as plain lines for the terminal. */
export function metersText(v: MetersView | undefined, now: Date): string[] {
  const g = metersGrid(v, now)
  if (!v || !g) return []
  return [
    `windows (${v.account}):`,
    ...g.rows.map(
      ([label, used, status, resets, seen]) =>
        `  ${label}: ${used === '—' ? '' : `${used} used, `}${status.replace(/^(⚠️|⛔) /u, '')}; resets ${resets}; seen ${seen}`
    ),
    ...g.notes.map(n => `  ${n}`)
  ]
}
