import type { GateReport } from './types.js'
import { consequencesOf } from '../budget/consequences.js'
import { headlineOf, headlineText } from './headline.js'

/** The check conclusion: failure only when the step itself fails (the refusal policy says when). */
export function checkConclusion(r: GateReport): 'success' | 'neutral' | 'failure' {
  return consequencesOf(r.decision).checkConclusion
}

/** The check run title: the headline's first line (GitHub allows 255 characters). */
export function checkTitle(r: GateReport): string {
  return cut(headlineText(headlineOf(r), { icon: false }), 255)
}

/** The commit status description: the same line, within GitHub's 140 characters. */
export function statusDescription(r: GateReport): string {
  return cut(headlineText(headlineOf(r), { icon: false }), 140)
}

/** Cut at a " · " boundary when the line is too long, so no figure is cut in half. */
function cut(line: string, max: number): string {
  if (line.length <= max) return line
  const parts = line.split(' · ')
  while (parts.length > 1 && parts.join(' · ').length > max) parts.pop()
  const kept = parts.join(' · ')
  return kept.length <= max ? kept : `${kept.slice(0, max - 1)}…`
}
