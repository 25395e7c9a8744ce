/** USD for people: $0.42, $1,234.50; sub-cent amounts keep two significant digits ($0.0042). */
export function usd(n: number): string {
  const sign = n < 0 ? '-' : ''
  const a = Math.abs(n)
  if (a > 0 && a < 0.01) return `${sign}$${a.toPrecision(2)}`
  return `${sign}$${a.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

/** USD for programs (step outputs, a command's environment): a plain decimal, to 1/10,000 of a cent. */
export const plainUsd = (n: number): string => String(Math.round(n * 1e6) / 1e6)
