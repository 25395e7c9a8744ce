/**
 * The subscription's meters as the gate judges them: a window Claude reported `rejected` refuses the
 * run until it resets; a warning or a utilization at or past warn-at warns; an out-of-credits stop
 * marks the dollar credit spent until its reset. Pure, over what earlier runs observed; nothing here
 * invents a utilization Claude did not send.
 */
import { METER_NAMES, type LimitStop, type MeterReading, type OverageReading } from '../usage/meters.js'

/** When and by which run an observation was made. */
export interface Seen {
  seenAt: string
  /** The ledger key of the run whose output carried it. */
  seenBy: string
}

/** One observed point of a window's utilization, with the account's settled dollars at that moment. */
export interface UtilizationSample {
  meter: string
  at: string
  utilization: number
  resetsAt?: string
  /** The account's settled USD (all runs, every cycle) when this was observed. */
  spentUsd: number
}

/** What the ledger keeps of one account's meters (across billing cycles). */
export interface AccountMeters {
  /** The newest reading of each meter. */
  readings: Array<MeterReading & Seen>
  overage?: OverageReading & Seen
  /** The newest run that a limit stopped, until a later run gets through. */
  stop?: LimitStop & Seen
  /** Utilization points, oldest first (bounded), for the share of a window a run takes. */
  samples: UtilizationSample[]
  /** USD settled on this account so far. */
  spentUsd: number
}

/** A meter as reports show it. */
export interface MeterView extends MeterReading, Seen {
  /** "5-hour limit", "weekly limit", or the name Claude sent. */
  label: string
  /** The reset is past: the window has started over since this was seen. */
  stale: boolean
  /** A run stopped on this window's limit though Claude's last event for it did not say `rejected`. */
  stopped?: boolean
}

/** The subscription's windows as a report shows them. */
export interface MetersView {
  /** Whose windows (the `account` input). */
  account: string
  meters: MeterView[]
  /** Windows near their limit, one sentence each. */
  warnings: string[]
  /** What this run would take of each window, where two observations allow an estimate. */
  shares: LimitJudgement['shares']
  /** Why no meter could be seen this time, when that is worth saying. */
  note?: string
}

export interface LimitJudgement {
  /** A window that refuses this run now. */
  refusal?: { meter: string; label: string; resetsAt: string; reason: string; assumedReset: boolean }
  /** The dollar credit ran out (an out-of-credits stop): count it spent until `until` (the cycle's end when unsaid). */
  creditSpent?: { until?: string; message: string }
  /** One sentence per window near its limit. */
  warnings: string[]
  /** What this run would take of each window, where two observations allow an estimate. */
  shares: Array<{ meter: string; label: string; share: number; lastSeen: number; sentence: string }>
  meters: MeterView[]
}

/** How long a window lasts: the reset when Claude did not report one is assumed at most this far off. */
const WINDOW_HOURS: Record<string, number> = { five_hour: 5, overage: 24 * 31 }
const windowHours = (meter: string) => WINDOW_HOURS[meter] ?? (meter.startsWith('seven_day') ? 24 * 7 : 5)

/** A window near its limit: Claude warned of it, or its utilization is at or past warn-at. */
export const nearLimit = (r: Pick<MeterReading, 'status' | 'utilization'>, warnAtPct: number) =>
  r.status === 'allowed_warning' || (r.utilization !== undefined && r.utilization * 100 >= warnAtPct)

export const meterLabel = (meter: string) => METER_NAMES[meter] ?? meter.replace(/_/g, ' ')

/** "15:40 UTC" today, "Dec 2, 15:40 UTC" on another day. */
export function resetWords(iso: string, now: Date): string {
  const d = new Date(iso)
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
  const sameDay = d.toISOString().slice(0, 10) === now.toISOString().slice(0, 10)
  const day = d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
  return sameDay ? `${time} UTC` : `${day}, ${time} UTC`
}

const pct = (x: number) => `${Math.round(x * 100)}%`

/** The reset of a reading: reported, or assumed one window after it was seen. */
function resetOf(r: MeterReading & Seen): { at: string; assumed: boolean } {
  if (r.resetsAt) return { at: r.resetsAt, assumed: false }
  return {
    at: new Date(Date.parse(r.seenAt) + windowHours(r.meter) * 3_600_000).toISOString(),
    assumed: true
  }
}

/** Same window: the same reset, to the minute (Claude reports it in whole seconds). */
const sameWindow = (a?: string, b?: string) =>
  a !== undefined && b !== undefined && Math.abs(Date.parse(a) - Date.parse(b)) < 60_000

/** USD per unit of utilization of a window, from its two newest points with settled dollars between. */
function usdPerWindow(samples: UtilizationSample[], meter: string): number | undefined {
  const of = samples.filter(s => s.meter === meter)
  for (let i = of.length - 1; i > 0; i--) {
    const [a, b] = [of[i - 1], of[i]]
    if (!sameWindow(a.resetsAt, b.resetsAt)) continue
    const du = b.utilization - a.utilization
    const dusd = b.spentUsd - a.spentUsd
    if (du > 0 && dusd > 0) return dusd / du
  }
  return undefined
}

/** The window a limit's own words name, when the stop did not come with a `rejected` event. */
function meterInWords(message: string): string | undefined {
  if (/5-hour|five.hour/i.test(message)) return 'five_hour'
  if (/opus/i.test(message) && /week|7-day/i.test(message)) return 'seven_day_opus'
  if (/sonnet/i.test(message) && /week|7-day/i.test(message)) return 'seven_day_sonnet'
  if (/week|7-day|seven.day/i.test(message)) return 'seven_day'
  return undefined
}

/**
 * The window a run stopped on, still in force: Claude does not always send a `rejected` event before
 * the usage-limit error (the last event may read 97%, allowed_warning), yet the window is used up.
 */
function stoppedWindow(
  account: AccountMeters,
  t: number
): { meter: string; reset: { at: string; assumed: boolean }; stop: LimitStop & Seen } | undefined {
  const stop = account.stop
  if (stop?.kind !== 'window') return undefined
  const meter = stop.meter ?? meterInWords(stop.message) ?? 'five_hour'
  const reading = account.readings.find(r => r.meter === meter)
  // A `rejected` reading refuses by itself, with its own reset.
  if (reading?.status === 'rejected') return undefined
  const at = stop.resetsAt ?? reading?.resetsAt
  const reset = at
    ? { at, assumed: false }
    : { at: new Date(Date.parse(stop.seenAt) + windowHours(meter) * 3_600_000).toISOString(), assumed: true }
  return Date.parse(reset.at) > t ? { meter, reset, stop } : undefined
}

export function judgeLimits(
  account: AccountMeters | undefined,
  now: Date,
  opts: { warnAtPct: number; gatedUsd: number }
): LimitJudgement {
  const out: LimitJudgement = { warnings: [], shares: [], meters: [] }
  if (!account) return out
  const t = now.getTime()
  const stopped = stoppedWindow(account, t)
  if (stopped) {
    const label = meterLabel(stopped.meter)
    out.refusal = {
      meter: stopped.meter,
      label,
      resetsAt: stopped.reset.at,
      assumedReset: stopped.reset.assumed,
      reason: `${label[0].toUpperCase()}${label.slice(1)} reached (a run stopped on it ${resetWords(stopped.stop.seenAt, now)}: "${stopped.stop.message}"); resets ${resetWords(stopped.reset.at, now)}${stopped.reset.assumed ? ' (assumed: Claude did not say when)' : ''}.`
    }
  }
  for (const r of account.readings) {
    const reset = resetOf(r)
    const live = Date.parse(reset.at) > t
    const label = meterLabel(r.meter)
    const stop = live && stopped?.meter === r.meter && r.status !== 'rejected'
    out.meters.push({ ...r, label, stale: !live, ...(stop ? { stopped: true } : {}) })
    if (!live || stop) continue
    if (r.status === 'rejected') {
      // Of several exhausted windows, the one that resets last is the one that binds.
      if (!out.refusal || Date.parse(reset.at) > Date.parse(out.refusal.resetsAt))
        out.refusal = {
          meter: r.meter,
          label,
          resetsAt: reset.at,
          assumedReset: reset.assumed,
          reason: `${label[0].toUpperCase()}${label.slice(1)} reached; resets ${resetWords(reset.at, now)}${reset.assumed ? ' (assumed: Claude did not say when)' : ''}.`
        }
      continue
    }
    if (nearLimit(r, opts.warnAtPct))
      out.warnings.push(
        `${label[0].toUpperCase()}${label.slice(1)} near: ${r.utilization !== undefined ? `${pct(r.utilization)} used` : 'Claude warned'}; resets ${resetWords(reset.at, now)}.`
      )
    const per = r.utilization !== undefined ? usdPerWindow(account.samples, r.meter) : undefined
    if (per !== undefined && r.utilization !== undefined && opts.gatedUsd > 0) {
      const share = opts.gatedUsd / per
      out.shares.push({
        meter: r.meter,
        label,
        share,
        lastSeen: r.utilization,
        sentence: `≈ ${pct(Math.max(0.01, share))} of the ${label.replace(/ limit$/, ' window')}; last seen ${pct(r.utilization)}`
      })
    }
  }
  const stop = account.stop
  if (stop?.kind === 'out-of-credits') {
    const until = stop.resetsAt ?? account.overage?.resetsAt
    if (!until || Date.parse(until) > t)
      out.creditSpent = { ...(until ? { until } : {}), message: stop.message }
  }
  return out
}

/** The report's view of an account's meters: what the judgement saw, nothing when nothing was ever seen. */
export function metersView(account: string, j: LimitJudgement, note?: string): MetersView | undefined {
  if (j.meters.length === 0 && !note) return undefined
  return { account, meters: j.meters, warnings: j.warnings, shares: j.shares, ...(note ? { note } : {}) }
}
