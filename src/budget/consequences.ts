/**
 * The refusal policy: what a decision means for everything that shows or acts on it. The action's
 * step result, the CLI's exit code, the log level, `allowed`, the check run's conclusion, the
 * annotation and the report's headline all come from here, so they cannot disagree.
 */
import type { OnExhaust } from '../config/settings.js'
import type { BudgetState, DecisionKind, DecisionLimit } from './types.js'
import { usd } from './format.js'

export type Level = 'info' | 'notice' | 'warning' | 'error'

export interface Consequences {
  /** The agent step may run (`allowed` output). */
  allowed: boolean
  /** The gate's step fails (the action calls setFailed; the CLI exits 2). */
  failsStep: boolean
  /** The CLI's exit code for `gate`. */
  exitCode: 0 | 2
  /** How the shells log the decision's reason. */
  level: Level
  /** Conclusion of the check run: failure only when the step itself fails. */
  checkConclusion: 'success' | 'neutral' | 'failure'
  /** The annotation on the gated step's workflow line, if any. */
  annotation?: { level: Exclude<Level, 'info'>; title: string }
  /** The report headline's icon and verdict word. */
  icon: string
  word: string
  /** What happens to this run, in one plain sentence (the headline's second line starts with it). */
  then: string
  /** What happens next, as the end of the decision's reason ("…this cycle: the step fails."). */
  says: string
}

const PASS: Consequences = {
  allowed: true,
  failsStep: false,
  exitCode: 0,
  level: 'info',
  checkConclusion: 'success',
  icon: '✅',
  word: 'Pass',
  then: 'The agent runs.',
  says: ''
}

const WARN: Consequences = {
  ...PASS,
  level: 'warning',
  checkConclusion: 'neutral',
  annotation: { level: 'warning', title: 'Agent credit running low' },
  icon: '⚠️',
  word: 'Warning',
  then: 'The agent runs, but the credit is running low.'
}

const REFUSED: Record<OnExhaust, Consequences> = {
  fail: {
    allowed: false,
    failsStep: true,
    exitCode: 2,
    level: 'error',
    checkConclusion: 'failure',
    annotation: { level: 'error', title: 'Agent credit would run out' },
    icon: '❌',
    word: 'Refused: over budget',
    then: 'The step failed, so the agent did not run.',
    says: 'the step fails'
  },
  skip: {
    allowed: false,
    failsStep: false,
    exitCode: 0,
    level: 'notice',
    // A skipped run is not a failure: a neutral check, no red X (anthropics/claude-code-action#292).
    checkConclusion: 'neutral',
    annotation: { level: 'warning', title: 'Agent credit would run out' },
    icon: '⏭️',
    word: 'Skipped: over budget',
    then: 'The agent step was skipped (allowed=false); the job goes on.',
    says: 'the agent step is skipped (allowed=false)'
  },
  warn: {
    allowed: true,
    failsStep: false,
    exitCode: 0,
    level: 'warning',
    checkConclusion: 'neutral',
    annotation: { level: 'warning', title: 'Agent credit would run out' },
    icon: '❌',
    word: 'Over budget',
    then: 'The agent runs anyway (on-exhaust: warn) and may spend past the budget.',
    says: 'continuing with a warning (on-exhaust: warn)'
  }
}

/**
 * A run refused by a subscription window (or out of credit) has the same consequences as one over
 * budget — on-exhaust decides — but says what stopped it: "Skipped: 5-hour limit reached".
 */
function limited(c: Consequences, limit: DecisionLimit): Consequences {
  const what = limit.kind === 'out-of-credits' ? 'out of credit' : `${limit.label} reached`
  return {
    ...c,
    icon: c.allowed ? '⏳' : c.failsStep ? '⛔' : '⏭️',
    word: c.word
      .replace('over budget', what)
      .replace(/^Over budget$/, `${what[0].toUpperCase()}${what.slice(1)}`),
    annotation: c.annotation && {
      ...c.annotation,
      title: limit.kind === 'out-of-credits' ? 'Out of credit' : 'Subscription limit reached'
    },
    then: c.allowed
      ? 'The agent runs anyway (on-exhaust: warn), but Claude will refuse its requests until the reset.'
      : c.then
  }
}

/**
 * A warning says what it is about: the credit past warn-at, or a subscription window near its limit
 * (the dollars may be nowhere near their line), or both. Without a cause (older reports) it is the credit.
 */
function warning(by: Array<'credit' | 'window'> | undefined): Consequences {
  const window = by?.includes('window') ?? false
  const credit = by === undefined || by.includes('credit')
  if (!window) return WARN
  return {
    ...WARN,
    annotation: {
      level: 'warning',
      title: credit ? 'Agent credit running low' : 'Subscription window near its limit'
    },
    then: credit
      ? 'The agent runs, but the credit is running low and a subscription window is near its limit.'
      : 'The agent runs, but a subscription window is near its limit.'
  }
}

/**
 * A run refused by a dollar limit other than the cycle's budget (`max-run-usd`) has the same
 * consequences, and names the limit: "Skipped: over max-run-usd".
 */
function overLimit(c: Consequences, input: string): Consequences {
  return {
    ...c,
    word: c.word.replace('over budget', `over ${input}`).replace(/^Over budget$/, `Over ${input}`),
    annotation: c.annotation && { ...c.annotation, title: `Agent run would pass ${input}` },
    then: c.allowed ? `The agent runs anyway (on-exhaust: warn), capped at ${input}.` : c.then
  }
}

/** A trigger not in allowed-associations: skipped, and not for want of money. */
function notAllowed(c: Consequences): Consequences {
  return {
    ...c,
    word: c.word.replace('over budget', 'not allowed to start this agent'),
    annotation: c.annotation && { ...c.annotation, title: 'Not allowed to start this agent' }
  }
}

/** The consequences of a decision; no decision (estimate only, or the ledger failed open) runs like a pass. */
export function consequencesOf(
  d:
    | {
        decision: DecisionKind
        onExhaust: OnExhaust
        limit?: DecisionLimit
        refusedBy?: string
        warnedBy?: Array<'credit' | 'window'>
      }
    | undefined
): Consequences {
  if (!d || d.decision === 'pass') return PASS
  if (d.decision === 'warn') return warning(d.warnedBy)
  if (d.limit) return limited(REFUSED[d.onExhaust], d.limit)
  // The ledger's own budget reads "over budget"; a limit beside it, or who may start a run, is named.
  if (d.refusedBy === 'allowed-associations') return notAllowed(REFUSED[d.onExhaust])
  return d.refusedBy && d.refusedBy !== 'ledger budget'
    ? overLimit(REFUSED[d.onExhaust], d.refusedBy)
    : REFUSED[d.onExhaust]
}

/**
 * The decision's word and reason in one line, without saying the same thing twice: a window's refusal
 * reads "Skipped: 5-hour limit reached; resets 15:40 UTC: …", not "…limit reached: 5-hour limit reached; …".
 */
export function decisionLine(word: string, reason: string): string {
  const what = word.includes(': ') ? word.slice(word.indexOf(': ') + 2) : word
  return reason.toLowerCase().startsWith(what.toLowerCase())
    ? `${word}${reason.slice(what.length)}`
    : `${word}: ${reason}`
}

/**
 * What is left of the cycle's budget, as one word and one figure: `$4.44 left of $20.00`, or, past the
 * budget (external spend can take it there), `$5.56 over the $20.00 budget`, never a negative
 * "remaining" beside "$0.00 left".
 */
export function moneyLeft(s: Pick<BudgetState, 'remainingUsd' | 'budgetUsd'>): string {
  return s.remainingUsd >= 0
    ? `${usd(s.remainingUsd)} left of ${usd(s.budgetUsd)}`
    : `${usd(-s.remainingUsd)} over the ${usd(s.budgetUsd)} budget`
}

/** How the cycle stands once a run is recorded: the settled report's verdict. */
export interface Standing {
  icon: string
  word: string
}

const STANDING: Record<DecisionKind, Standing> = {
  pass: { icon: '✅', word: 'Within budget' },
  warn: { icon: '⚠️', word: 'Warning stands' },
  fail: { icon: '❌', word: 'Over budget' }
}

/** The words for where the cycle stands after a run (from budget/decide.ts standing()). */
export function standingWords(kind: DecisionKind): Standing {
  return STANDING[kind]
}
