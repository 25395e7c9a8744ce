/**
 * The meters a subscription's CI agent runs on, as Claude itself reports them: every
 * `rate_limit_event` in stream-json output (and claude-code-action's execution file, the same messages
 * as one array), and the error a run stopped by a limit ends with. `--output-format json` carries
 * none. Lenient like the rest of the parser: unknown fields and types are ignored, a malformed event is
 * skipped with a note, nothing here ever fails a run's accounting.
 */
import { z } from 'zod'

/** The windows Claude Code names (SDKRateLimitInfo.rateLimitType) and how reports call them. */
export const METER_NAMES: Record<string, string> = {
  five_hour: '5-hour limit',
  seven_day: 'weekly limit',
  seven_day_opus: 'weekly Opus limit',
  seven_day_sonnet: 'weekly Sonnet limit',
  seven_day_overage_included: 'weekly limit (overage included)',
  overage: 'usage credits'
}

export type MeterStatus = 'allowed' | 'allowed_warning' | 'rejected'

/** The newest state of one meter in one run's output. */
export interface MeterReading {
  /** The window: five_hour, seven_day, … (METER_NAMES), or a name Claude sent that we do not know. */
  meter: string
  status: MeterStatus
  /** Share 0–1 of the window used; Claude sends it only near or past a limit (never invented). */
  utilization?: number
  /** When the window resets (ISO 8601). */
  resetsAt?: string
}

/** Overflow billing ("usage credits") as the last event said. */
export interface OverageReading {
  status?: MeterStatus
  /** Why overage is off, e.g. out_of_credits, org_level_disabled. */
  disabledReason?: string
  resetsAt?: string
  inUse?: boolean
}

/** How a run that a limit stopped ended. */
export interface LimitStop {
  /** The window that stopped it, when Claude named one. */
  meter?: string
  resetsAt?: string
  /** out-of-credits: the dollar credit (or usage credits) ran out; window: a usage window. */
  kind: 'window' | 'out-of-credits'
  /** Claude's own words, e.g. "You've hit your 5-hour limit · resets 7am (UTC)". */
  message: string
}

export interface MeterReport {
  /** Newest reading per meter, in the order first seen. */
  readings: MeterReading[]
  overage?: OverageReading
  /** Set when the run ended on a limit. */
  stop?: LimitStop
  /** How many rate_limit_event messages were read. */
  events: number
  /** One line per thing skipped or repaired (malformed event, milliseconds, utilization over 1). */
  notes: string[]
}

const status = z.enum(['allowed', 'allowed_warning', 'rejected'])
const window = z.looseObject({
  status: status.optional().catch(undefined),
  utilization: z.number().finite().optional().catch(undefined),
  resetsAt: z.number().finite().optional().catch(undefined)
})
const info = z.looseObject({
  status: status.optional().catch(undefined),
  rateLimitType: z.string().optional().catch(undefined),
  resetsAt: z.number().finite().optional().catch(undefined),
  utilization: z.number().finite().optional().catch(undefined),
  overageStatus: status.optional().catch(undefined),
  overageDisabledReason: z.string().optional().catch(undefined),
  overageResetsAt: z.number().finite().optional().catch(undefined),
  isUsingOverage: z.boolean().optional().catch(undefined),
  unifiedWindows: z.record(z.string(), z.unknown()).optional().catch(undefined)
})

/** The CLI's usage-limit texts: what a result or synthetic assistant message begins with. */
const LIMIT_TEXT =
  /^(You've hit your|You have hit your|You're out of (extra )?usage|You are out of (extra )?usage|Claude (AI )?usage limit reached)/i
const METER_NAME = /^[a-z][a-z0-9_]{0,40}$/
/** Later than this many seconds since 1970 is a timestamp in milliseconds (year 5138 in seconds). */
const MS_THRESHOLD = 1e11

/** Seconds since 1970 → ISO; milliseconds are recognised and noted; nonsense is dropped. */
function resetTime(value: number | undefined, notes: string[]): string | undefined {
  if (value === undefined || value <= 0) return undefined
  let seconds = value
  if (value > MS_THRESHOLD) {
    seconds = value / 1000
    if (!notes.includes('resetsAt in milliseconds: read as such'))
      notes.push('resetsAt in milliseconds: read as such')
  }
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() > 2200 ? undefined : date.toISOString()
}

/** Utilization as sent, when it is a share; over 1 is capped (the window is past its limit). */
function share(value: number | undefined, notes: string[]): number | undefined {
  if (value === undefined || value < 0) return undefined
  if (value > 1) {
    if (value > 100) return undefined
    notes.push(`utilization ${value} over 1: shown as 100%`)
    return 1
  }
  return value
}

const textOf = (m: Record<string, unknown>): string | undefined => {
  if (typeof m.result === 'string') return m.result
  const content = (m.message as { content?: unknown } | undefined)?.content
  if (!Array.isArray(content)) return undefined
  const first = content.find(c => typeof (c as { text?: unknown })?.text === 'string') as
    { text: string } | undefined
  return first?.text
}

/** Every meter reading, the overage state and the limit stop (if any) in a run's messages. */
export function readMeters(messages: unknown[]): MeterReport {
  const byMeter = new Map<string, MeterReading>()
  const notes: string[] = []
  let overage: OverageReading | undefined
  let stop: LimitStop | undefined
  /** The window the newest `rejected` event named: a stop that follows it is that window's doing. */
  let rejected: { meter: string; resetsAt?: string } | undefined
  let events = 0
  const put = (meter: string, r: Omit<MeterReading, 'meter'>) => {
    if (!METER_NAME.test(meter)) return
    const before = byMeter.get(meter)
    byMeter.delete(meter)
    byMeter.set(meter, {
      meter,
      status: r.status,
      // Utilization comes only near a limit: an event without it does not erase what was seen.
      ...(r.utilization !== undefined
        ? { utilization: r.utilization }
        : before?.utilization !== undefined && before.resetsAt === r.resetsAt
          ? { utilization: before.utilization }
          : {}),
      ...(r.resetsAt ? { resetsAt: r.resetsAt } : {})
    })
  }
  for (const raw of messages) {
    if (!raw || typeof raw !== 'object') continue
    const m = raw as Record<string, unknown>
    if (m.type === 'rate_limit_event') {
      const parsed = info.safeParse(m.rate_limit_info)
      if (!parsed.success) {
        notes.push('a rate_limit_event without rate_limit_info: skipped')
        continue
      }
      events++
      const i = parsed.data
      for (const [name, w] of Object.entries(i.unifiedWindows ?? {})) {
        const win = window.safeParse(w)
        if (win.success && win.data.status)
          put(name, {
            status: win.data.status,
            utilization: share(win.data.utilization, notes),
            resetsAt: resetTime(win.data.resetsAt, notes)
          })
      }
      // The event's own window: older CLIs send only this, and its status is the representative one.
      if (i.rateLimitType && i.status && !i.unifiedWindows?.[i.rateLimitType])
        put(i.rateLimitType, {
          status: i.status,
          utilization: share(i.utilization, notes),
          resetsAt: resetTime(i.resetsAt, notes)
        })
      if (i.overageStatus || i.overageDisabledReason || i.isUsingOverage !== undefined)
        overage = {
          ...(i.overageStatus ? { status: i.overageStatus } : {}),
          ...(i.overageDisabledReason ? { disabledReason: i.overageDisabledReason } : {}),
          ...(resetTime(i.overageResetsAt, notes) ? { resetsAt: resetTime(i.overageResetsAt, notes) } : {}),
          ...(i.isUsingOverage !== undefined ? { inUse: i.isUsingOverage } : {})
        }
      if (i.status === 'rejected' && i.rateLimitType)
        rejected = { meter: i.rateLimitType, resetsAt: resetTime(i.resetsAt, notes) }
      continue
    }
    const text = textOf(m)
    const limited =
      m.error === 'rate_limit' ||
      m.api_error === 'usage_limit_reached' ||
      m.errorCode === 'credits_required' ||
      (m.api_error_status === 429 && (m.type === 'result' || m.is_api_error_message === true)) ||
      (text !== undefined &&
        (m.type === 'result' || m.is_api_error_message === true) &&
        LIMIT_TEXT.test(text))
    if (!limited) continue
    const params = info.safeParse(
      (m.api_error_params as { rate_limit_info?: unknown } | undefined)?.rate_limit_info
    )
    const named =
      params.success && params.data.rateLimitType
        ? { meter: params.data.rateLimitType, resetsAt: resetTime(params.data.resetsAt, notes) }
        : (rejected ?? (stop?.meter ? { meter: stop.meter, resetsAt: stop.resetsAt } : undefined))
    const outOfCredits =
      m.errorCode === 'credits_required' ||
      named?.meter === 'overage' ||
      /out of (extra )?usage|credits/i.test(text ?? '')
    stop = {
      kind: outOfCredits || stop?.kind === 'out-of-credits' ? 'out-of-credits' : 'window',
      ...(named?.meter ? { meter: named.meter } : {}),
      ...(named?.resetsAt ? { resetsAt: named.resetsAt } : {}),
      message: text ?? stop?.message ?? 'stopped by a usage limit'
    }
  }
  return {
    readings: [...byMeter.values()],
    ...(overage ? { overage } : {}),
    ...(stop ? { stop } : {}),
    events,
    // One line per kind of repair, however many events needed it.
    notes: [...new Set(notes)]
  }
}
