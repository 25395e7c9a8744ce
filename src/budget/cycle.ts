import type { Cycle } from './types.js'

function resetDay(year: number, month: number, day: number): Date {
  // Short months clamp: day 31 resets on Feb 28/29, Apr 30, ...
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(day, last)))
}

/** The billing cycle containing `now` (UTC): from one reset day 00:00 to the next. */
export function cycleAt(now: Date, billingCycleDay: number): Cycle {
  const y = now.getUTCFullYear()
  const m = now.getUTCMonth()
  const thisMonth = resetDay(y, m, billingCycleDay)
  const start = now.getTime() >= thisMonth.getTime() ? thisMonth : resetDay(y, m - 1, billingCycleDay)
  const resets = resetDay(start.getUTCFullYear(), start.getUTCMonth() + 1, billingCycleDay)
  return { id: start.toISOString().slice(0, 10), start: start.toISOString(), resetsAt: resets.toISOString() }
}
