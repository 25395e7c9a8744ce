/** Dates, shares and counts as every report (markdown and terminal) writes them. */

/** "Dec 1" (UTC, the billing cycle's clock). */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** "in 7 days", "in 5 hours", "now": how far `iso` is from `now`, for people. */
export function fromNow(iso: string, now: string): string {
  const hours = (Date.parse(iso) - Date.parse(now)) / 3_600_000
  if (hours <= 0) return 'now'
  if (hours < 36) {
    const h = Math.max(1, Math.round(hours))
    return `in ${h} hour${h === 1 ? '' : 's'}`
  }
  // Whole days elapsed, not rounded: a report 11 minutes later must not jump a day.
  return `in ${Math.floor(hours / 24)} days`
}

/** 0.42 → "42%". */
export const pct = (x: number): string => `${(x * 100).toFixed(0)}%`

/** 1234567 → "1,234,567". */
export const count = (n: number): string => Math.round(n).toLocaleString('en-US')

/** How far `actual` is from `expected`: "14% under", "32% over", "on" (within 0.5%). */
export function versus(actual: number, expected: number): string {
  if (expected <= 0) return actual > 0 ? 'over' : 'on'
  const d = (actual - expected) / expected
  if (Math.abs(d) < 0.005) return 'on'
  return `${Math.abs(d * 100).toFixed(0)}% ${d < 0 ? 'under' : 'over'}`
}

/** The first letter upper-case: sentences built from parts start like sentences. */
export const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** "1 run", "3 runs". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * What the dollars of a report are, by how the agent pays: on a subscription they are API-equivalent
 * (what the tokens would cost at list price), not a bill; on an API key they are list-price money.
 */
export function dollarsMeaning(auth: 'subscription' | 'api-key' | undefined): string | undefined {
  if (auth === 'subscription')
    return 'On a subscription every dollar here is API-equivalent (the tokens at list price), not a bill: the 5-hour and weekly windows are what stop a run; only usage credits past them (and Fable 5) are billed.'
  if (auth === 'api-key') return 'On an API key every dollar here is list-price money billed to your account.'
  return undefined
}
