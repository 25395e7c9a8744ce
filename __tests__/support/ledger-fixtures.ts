/** The hold a ledger test reserves: one dollar, a p90 estimate, six hours. */
export const holdOf = (key: string) => ({
  key,
  jobId: 'j',
  holdUsd: 1,
  estimate: { p50Usd: 1, p90Usd: 1, maxUsd: 1, gateOn: 'p90' as const },
  priceTableAsOf: '2026-11-23',
  holdHours: 6
})
