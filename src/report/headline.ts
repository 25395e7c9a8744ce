/**
 * The first two lines of every report, from one place: the comment, the job summary, the check run's
 * title, the commit status and the CLI all say the same thing. Line 1 carries the verdict and the
 * number that matters for the phase; line 2 says what happens and what to do now.
 *
 *   before the run  verdict · the hold (gated estimate) · what is left after it · the reset
 *   refused         verdict · what the run needs · what is left · the reset; then the ways out
 *   after the run   the actual · ±% against the p50 estimate · what is left now · the reset; the standing
 *
 * Key figures are wrapped in ⟦ ⟧: markdown makes them bold, plain text drops the brackets.
 */
import type { GateReport } from './types.js'
import type { WaysOut } from './ways-out.js'
import { usd } from '../budget/format.js'
import { consequencesOf, standingWords, type Consequences } from '../budget/consequences.js'
import type { Decision, DecisionLimit } from '../budget/types.js'
import { meterLabel, nearLimit, resetWords } from '../budget/limits.js'
import { standing } from '../budget/decide.js'
import { holdNeeded } from '../budget/cap.js'
import { fromNow, pct, plural, shortDate, versus } from './format.js'

export interface Headline {
  icon: string
  /** The verdict: "Pass", "Refused: over budget", "Spent $0.58", … */
  verdict: string
  /** Line 1 after the verdict: the phase's figures, joined with " · ". */
  facts: string[]
  /** Line 2: what happens to this run and what to do now. */
  next: string
}

const strong = (s: string) => `⟦${s}⟧`

function resets(r: GateReport): string[] {
  const b = r.budget
  return b ? [`resets ${shortDate(b.cycle.resetsAt)} (${fromNow(b.cycle.resetsAt, r.generatedAt)})`] : []
}

/**
 * What the cycle's money means for the next runs, in one clause: the day the credit runs out at this
 * cycle's pace when that comes before the reset, else how many more runs like this one fit.
 */
function runway(r: GateReport, countingThisRun: boolean): string {
  const w = r.runway
  if (!w || !r.budget) return ''
  const window = windowRunway(r, countingThisRun)
  if (w.exhaustsOn) {
    const dollars = `at this cycle's pace (${usd(w.burnUsdPerDay)}/day) the credit runs out on ${shortDate(w.exhaustsOn)}, before the reset`
    return window ? `${dollars}; ${window.words}` : dollars
  }
  const runs = Math.max(0, w.runsThatFit - (countingThisRun ? 1 : 0))
  // The window binds when it fits fewer runs than the dollars (or when how many it fits is unknown).
  if (window && (window.runs === undefined || window.runs < runs))
    return window.runs === undefined
      ? `the credit fits about ${plural(runs, 'more run')} like this, but ${window.words}`
      : window.words
  return `about ${plural(runs, 'more run')} like this ${runs === 1 ? 'fits' : 'fit'} before the reset`
}

/**
 * The subscription window nearest its limit, in runway words: how many more runs like this fit in it
 * before it resets, where two observations give this run's share of it; else only how full it is.
 */
function windowRunway(r: GateReport, countingThisRun: boolean): { runs?: number; words: string } | undefined {
  const m = r.meters
  if (!m || m.warnings.length === 0) return undefined
  const now = new Date(r.generatedAt)
  const live = m.meters.filter(x => !x.stale && x.status !== 'rejected')
  const near = live
    .filter(x => nearLimit(x, r.budget?.warnAtPct ?? 80))
    .sort((a, b) => (b.utilization ?? 1) - (a.utilization ?? 1))[0]
  if (!near) return undefined
  const used = near.utilization !== undefined ? `${pct(near.utilization)} used` : 'near its limit'
  const resets = near.resetsAt ? ` (resets ${resetWords(near.resetsAt, now)})` : ''
  const window = near.label.replace(/ limit$/, ' window')
  const share = m.shares.find(x => x.meter === near.meter)
  if (!share || share.share <= 0)
    return { words: `the ${window} is ${used}${resets}: fewer may fit before it resets` }
  const runs = Math.max(0, Math.floor((1 - share.lastSeen) / share.share) - (countingThisRun ? 1 : 0))
  return {
    runs,
    words: `about ${plural(runs, 'more run')} like this ${runs === 1 ? 'fits' : 'fit'} in the ${window}, ${used}${resets}`
  }
}

/** The ways out in one line, each with its figure (the report body lists them in full). */
export function waysOutLine(w: WaysOut): string {
  const ways = [`wait for the reset on ${shortDate(w.resetsAt)}`]
  if (w.shortfallUsd > 0) ways.push(`raise overage to ${usd(w.raise.overageUsd)}`)
  if (w.maxTurns) ways.push(`max-turns ${w.maxTurns.turns} (${usd(w.maxTurns.usd)})`)
  for (const m of w.cheaperModels.filter(x => x.fits)) ways.push(`model ${m.alias} (${usd(m.gatedUsd)})`)
  return `Ways out: ${ways.join(' · ')}.`
}

function settled(r: GateReport): Headline {
  const a = r.actual!
  const b = r.estimate.blended
  const d = r.decision
  // Past its hold the run spent money no gate had counted for it; the ledger records the actual all the same.
  const over =
    d?.allowed && d.holdUsd > 0 && a.usd > d.holdUsd
      ? `, past its ${usd(d.holdUsd)} hold (capped at ${usd(d.maxBudgetUsd)})`
      : a.usd > b.p90Usd
        ? `, above its p90 ${usd(b.p90Usd)}`
        : ''
  const facts = [`actual, ${versus(a.usd, b.p50Usd)} the ${usd(b.p50Usd)} estimate (p50)${over}`]
  let next = ''
  if (r.budget && r.ledger?.error) {
    // The ledger could not be written: the report still holds the gate's view, and the hold stays
    // counted as spent until it expires, so what is left is what the gate left after the hold.
    const s = r.budget.state
    const left = s.remainingUsd - (r.decision?.holdUsd ?? 0)
    facts.push(`${strong(usd(Math.max(0, left)))} left of ${usd(s.budgetUsd)}`, ...resets(r))
    next =
      '⚠️ The actual was not recorded (the ledger was unavailable): the hold stays counted as spent until it expires.'
  } else if (r.budget) {
    const s = r.budget.state
    facts.push(`${strong(usd(Math.max(0, s.remainingUsd)))} left of ${usd(s.budgetUsd)}`, ...resets(r))
    const kind = standing(s, r.budget.warnAtPct)
    const words = standingWords(kind)
    const why =
      kind === 'fail'
        ? `the cycle has spent ${usd(-s.remainingUsd)} past the budget`
        : kind === 'warn'
          ? `the cycle is past ${r.budget.warnAtPct}% of the ${usd(s.creditUsd)} credit; ${runway(r, false)}`
          : runway(r, false)
    next = `${words.icon} ${words.word}: ${why}.`
  } else if (r.ledger?.error)
    next = '⚠️ The actual was not recorded: the ledger was unavailable (see the notices).'
  if (a.stoppedBy) {
    const by = a.stoppedBy === 'out-of-credits' ? 'running out of credit' : `the ${meterLabel(a.stoppedBy)}`
    next = `⛔ Stopped by ${by}: recorded with what it spent before that. ${next}`.trim()
  }
  if (a.unverified)
    return {
      icon: '⚠️',
      verdict: `Spent ${usd(a.usd)} (unverified)`,
      facts: ['no Claude result file, so the hold was kept as spent', ...facts.slice(1)],
      next
    }
  return { icon: '🧾', verdict: `Spent ${usd(a.usd)}`, facts, next }
}

function estimateOnly(r: GateReport): Headline {
  const b = r.estimate.blended
  const l = r.estimate.loop
  return {
    icon: '📊',
    verdict: 'Estimate',
    facts: [
      `${strong(usd(b.p50Usd))} typical (p50)`,
      `${usd(b.p90Usd)} p90`,
      `${usd(b.maxUsd)} at most (${plural(l.turns.max, 'turn')})`,
      r.model.displayName
    ],
    next: r.ledger?.error
      ? 'Not gated: the ledger was unavailable, so this run holds nothing (see the notices).'
      : 'Not gated: no ledger was used.'
  }
}

/**
 * A run a subscription window (or running out of credit) refused: the dollars are beside the point;
 * what matters is when the window resets and what else could run the job.
 */
function limited(r: GateReport, limit: DecisionLimit, c: Consequences): Headline {
  const now = new Date(r.generatedAt)
  const when = limit.resetsAt
    ? `resets ${resetWords(limit.resetsAt, now)} (${fromNow(limit.resetsAt, r.generatedAt)})`
    : 'reset time not reported'
  const seen = r.meters?.meters.find(m => m.meter === limit.meter)
  const ways = [
    limit.resetsAt ? `re-run after ${resetWords(limit.resetsAt, now)}` : 're-run after the reset',
    'run on an API key with a dollar budget (auth: api-key, monthly-credits)',
    ...(limit.kind === 'window'
      ? ['turn on usage credits in your Claude settings to go past the window']
      : [])
  ]
  return {
    icon: c.icon,
    verdict: c.word,
    facts: [
      strong(when),
      ...(seen?.utilization !== undefined ? [`${pct(seen.utilization)} used when last seen`] : []),
      ...(seen ? [`seen ${seen.seenAt.slice(11, 16)} UTC`] : [])
    ],
    next: `${c.then} Ways out: ${ways.join(' · ')}.`
  }
}

/**
 * A run refused by a rule beside the monthly budget — a limit (max-daily-usd, max-pr-usd, …) or who
 * may trigger it — says which, not how much of the month is left.
 */
function refusedByRule(r: GateReport, d: Decision & { refusedBy: string }, c: Consequences): Headline {
  if (d.refusedBy === 'allowed-associations')
    return {
      icon: c.icon,
      verdict: c.word,
      facts: [
        `${strong(r.job.trigger?.actor ? `@${r.job.trigger.actor}` : 'this trigger')} (${r.job.trigger?.association ?? 'unknown'})`
      ],
      next: d.reason
    }
  const limit = r.spend?.limits.find(l => l.input === d.refusedBy)
  return {
    icon: c.icon,
    verdict: c.word,
    facts: [
      `needs ${strong(usd(d.gatedUsd))} (${d.gateOn} estimate)`,
      ...(limit
        ? [
            `only ${strong(usd(Math.max(0, limit.usd - limit.usedUsd)))} left of ${usd(limit.usd)} for ${limit.label}`
          ]
        : [])
    ],
    next: c.then
  }
}

/** What bounds Claude's cap, in the reader's words. */
export const CAP_WORDS: Record<Decision['capBy'], string> = {
  budget: 'all that is left for it',
  'max-run-usd': 'max-run-usd',
  hold: 'its hold: nothing is left',
  limit: 'what is left of its tightest limit'
}

/** Claude's cap (`--max-budget-usd`) and what bounds it: "capped at $4.40 (all that is left for it)". */
function capFact(d: Pick<Decision, 'maxBudgetUsd' | 'capBy'>): string {
  return `capped at ${usd(d.maxBudgetUsd)} (${CAP_WORDS[d.capBy]})`
}

/** The headline of a report in any phase. */
export function headlineOf(r: GateReport): Headline {
  if (r.actual) return settled(r)
  const d = r.decision
  if (d?.decision === 'fail' && d.refusedBy && !['ledger budget', 'max-run-usd'].includes(d.refusedBy))
    return refusedByRule(r, { ...d, refusedBy: d.refusedBy }, consequencesOf(d))
  if (!d || !r.budget) return estimateOnly(r)
  const c = consequencesOf(d)
  const s = r.budget.state
  const left = Math.max(0, s.remainingUsd)
  const gated = `${usd(d.gatedUsd)}`
  if (d.decision === 'fail' && d.limit) return limited(r, d.limit, c)
  if (d.decision === 'fail' && d.refusedBy === 'max-run-usd') {
    return {
      icon: c.icon,
      verdict: c.word,
      facts: [
        `typical run ${strong(usd(r.estimate.blended.p50Usd))} (p50 estimate)`,
        `over the ${strong(usd(d.maxRunUsd ?? 0))} a run may spend (max-run-usd)`,
        ...resets(r)
      ],
      next: `${c.then} Ways out: raise max-run-usd above ${usd(r.estimate.blended.p50Usd)} · fewer turns (max-turns) · a cheaper model.`
    }
  }
  if (d.decision === 'fail') {
    return {
      icon: c.icon,
      verdict: c.word,
      facts: [
        holdNeeded(d) < d.gatedUsd
          ? `needs ${strong(usd(holdNeeded(d)))} (max-run-usd; ${d.gateOn} estimate ${gated})`
          : `needs ${strong(gated)} (${d.gateOn} estimate)`,
        `only ${strong(usd(left))} left of ${usd(s.budgetUsd)}`,
        ...resets(r)
      ],
      next: [c.then, r.waysOut ? waysOutLine(r.waysOut) : ''].filter(Boolean).join(' ')
    }
  }
  const after = Math.max(0, s.remainingUsd - d.holdUsd)
  // A warning names its cause: the credit's warn-at line, or the window that is near its limit.
  const line =
    d.decision === 'warn' && (d.warnedBy === undefined || d.warnedBy.includes('credit'))
      ? `, past the ${r.budget.warnAtPct}% line`
      : ''
  const cheaper = d.decision === 'warn' ? r.waysOut?.cheaperModels[0] : undefined
  const stretch = cheaper
    ? ` To stretch it: model ${cheaper.alias} holds ${usd(cheaper.gatedUsd)} for the same tokens.`
    : ''
  const held =
    d.holdUsd < d.gatedUsd
      ? `holds ${strong(usd(d.holdUsd))} (max-run-usd; ${d.gateOn} estimate ${gated}, typical ${usd(r.estimate.blended.p50Usd)})`
      : `holds ${strong(gated)} (${d.gateOn} estimate; typical ${usd(r.estimate.blended.p50Usd)})`
  return {
    icon: c.icon,
    verdict: c.word,
    facts: [held, capFact(d), `${strong(usd(after))} left after it${line}`, ...resets(r)],
    next: `${c.then.replace(/\.$/, '')}; ${runway(r, true)}.${stretch}`
  }
}

/** Line 1 as plain text (CLI, check run title, commit status). */
export function headlineText(h: Headline, opts: { icon?: boolean } = {}): string {
  const text = `${h.verdict} — ${h.facts.join(' · ')}`.replace(/[⟦⟧]/g, '')
  return opts.icon === false ? text : `${h.icon} ${text}`
}
