/** One line on how long a gate waited for the ledger and why, for every renderer. */
import type { LedgerWaited } from '../ledger/update.js'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export function describeLedgerWait(w: LedgerWaited): string {
  const why = [
    w.leaseWaits
      ? `${w.leaseSeconds} s while other gates held its write lease (${plural(w.leaseWaits, 'wait', 'waits')})`
      : '',
    w.rateLimitSeconds ? `${w.rateLimitSeconds} s for GitHub's rate limits` : '',
    w.conflicts ? `${plural(w.conflicts, 'write', 'writes')} written again after another gate's` : ''
  ].filter(Boolean)
  return `waited ${w.seconds} s for the ledger: ${why.join('; ')}`
}
