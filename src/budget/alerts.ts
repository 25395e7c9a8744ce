/**
 * Threshold alerts (`alert-at`): which crossings a hold causes, once per budget, threshold and cycle.
 * Pure: the crossings are recorded in the hold's own ledger write, so of many gates crossing together
 * only the one whose write lands alerts; the shell posts them after the write.
 */
import { usd } from './format.js'

/** One budget's use before and after this run's hold. */
export interface BudgetUse {
  /** Key of the budget: `monthly`, or `max-daily-usd:job:…`, `max-pr-usd:pr:…`, … */
  budget: string
  /** The input that sets it (`monthly budget` for the ledger's). */
  input: string
  /** What the budget covers, e.g. "this job's last 24 hours". */
  label: string
  usd: number
  beforeUsd: number
  afterUsd: number
}

// A crossing to post is in the shape the webhook posts: the edge owns it, the core imports only its type.
import type { Alert } from '../webhook/post.js'
export type { Alert }

const pctOf = (used: number, of: number) => (of > 0 ? (used / of) * 100 : used > 0 ? Infinity : 0)

/** Slack's mrkdwn treats &, < and > as markup: untrusted names (repositories, actors) are escaped. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * The thresholds each budget crosses with this hold (before < t ≤ after) that no earlier run of the
 * cycle alerted, highest first per budget; `where` names the repository and run in the text.
 */
export function crossings(
  uses: BudgetUse[],
  thresholds: number[],
  recorded: Array<{ budget: string; pct: number }>,
  where: string
): Alert[] {
  const out: Alert[] = []
  for (const u of uses) {
    const before = pctOf(u.beforeUsd, u.usd)
    const after = pctOf(u.afterUsd, u.usd)
    for (const t of thresholds) {
      if (!(before < t && after >= t)) continue
      if (recorded.some(r => r.budget === u.budget && r.pct === t)) continue
      out.push({
        budget: u.budget,
        pct: t,
        text: slackEscape(
          `agent-credit-gate: ${u.input} (${usd(u.usd)} for ${u.label}) reached ${t}%: ${usd(u.afterUsd)} spent or held, counting this run's hold (${where}).`
        )
      })
    }
  }
  return out
}
