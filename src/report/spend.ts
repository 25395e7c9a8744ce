/**
 * What every report says about money beside the monthly budget: real money apart from notional, the
 * limits this run was judged on, and what the gate prevented this cycle.
 */
import type { AppliesTo } from '../config/settings.js'
import type { LedgerDocument } from '../ledger/document.js'
import type { HoldVerdict } from '../ledger/hold.js'
import { preventedTotals } from '../ledger/operations.js'
import { moneySplit, type Money } from '../ledger/spend-limits.js'
import { usd } from '../budget/format.js'
import { escapeMarkdown as esc } from './escape.js'

export interface SpendView {
  /** Whether this run's dollars are real money or notional. */
  money?: Money
  /** Which dollars the budgets count (`budget-applies-to`). */
  appliesTo: AppliesTo
  /** The cycle's settled dollars: real money, notional (subscription API-equivalent), and entries from before this was recorded. */
  realUsd: number
  notionalUsd: number
  unlabelledUsd: number
  /** The limits beside the monthly budget this run was judged on, with what each had used before it. */
  limits: Array<{ input: string; label: string; usd: number; usedUsd: number }>
  /** Refused and skipped runs this cycle and the p50 they would likely have spent. */
  prevented: { runs: number; p50Usd: number }
}

/** The view from the document the gate wrote and its verdict. */
export function spendView(
  doc: LedgerDocument | null,
  verdict: Pick<HoldVerdict, 'spend'> & { money?: Money },
  appliesTo: AppliesTo
): SpendView {
  return {
    ...(verdict.money ? { money: verdict.money } : {}),
    appliesTo,
    ...moneySplit(doc),
    limits: verdict.spend.uses.map(u => ({
      input: u.limit.input,
      label: u.limit.label,
      usd: u.limit.usd,
      usedUsd: u.usedUsd
    })),
    prevented: preventedTotals(doc)
  }
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/** "$14.20 prevented this cycle (9 runs refused or skipped, at their p50)". */
function preventedLine(p: SpendView['prevented']): string {
  return `${usd(p.p50Usd)} prevented this cycle (${plural(p.runs, 'run')} refused or skipped, at their p50 estimate)`
}

/** "Settled this cycle: $3.10 real money · $12.40 notional (subscription API-equivalent)". */
function moneyLine(s: SpendView): string {
  const parts = [
    `${usd(s.realUsd)} real money`,
    `${usd(s.notionalUsd)} notional (subscription API-equivalent)`
  ]
  if (s.unlabelledUsd > 0) parts.push(`${usd(s.unlabelledUsd)} recorded before runs were labelled`)
  return `Settled this cycle: ${parts.join(' · ')}${s.appliesTo === 'real' ? '; the budgets count real money only' : ''}`
}

/** The markdown block: money apart, limits, prevented. */
export function spendMarkdown(s: SpendView): string {
  const lines = [`- ${moneyLine(s)}`, `- ${preventedLine(s.prevented)}`]
  if (s.money)
    lines.push(
      `- This run's dollars are ${s.money === 'real' ? 'real money' : 'notional (subscription API-equivalent)'}`
    )
  if (s.limits.length > 0) {
    lines.push('', '| limit | for | used before this run | of |', '| --- | --- | ---: | ---: |')
    for (const l of s.limits)
      lines.push(`| \`${l.input}\` | ${esc(l.label)} | ${usd(l.usedUsd)} | ${usd(l.usd)} |`)
  }
  return lines.join('\n')
}
