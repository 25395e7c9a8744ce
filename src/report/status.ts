import type { GateReport } from './types.js'
import { usd } from '../budget/format.js'
import { consequencesOf } from '../budget/consequences.js'

/** The check conclusion: failure only when the step itself fails (the refusal policy says when). */
export function checkConclusion(r: GateReport): 'success' | 'neutral' | 'failure' {
  return consequencesOf(r.decision).checkConclusion
}

function figure(r: GateReport): string {
  if (r.actual) return `Spent ${usd(r.actual.usd)}${r.actual.unverified ? ' (unverified)' : ''}`
  const b = r.estimate.blended
  return `Est. ${usd(b.p50Usd)} (p90 ${usd(b.p90Usd)})`
}

/** The check run title: the figure first. */
export function checkTitle(r: GateReport): string {
  const left = r.budget ? ` of ${usd(Math.max(0, r.budget.state.remainingUsd))} left` : ''
  return `${figure(r)}${left} · ${r.decision?.decision ?? 'estimate'}`.slice(0, 255)
}

/** The commit status description (≤ 140 characters, GitHub's limit). */
export function statusDescription(r: GateReport): string {
  return checkTitle(r).slice(0, 140)
}
