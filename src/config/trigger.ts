/**
 * Who triggered a run, read from the event payload GitHub hands the workflow: the actor, their author
 * association (a comment's author for comment events, the pull request's or issue's author otherwise)
 * and the pull request the run belongs to. Pure: the shells read the payload.
 */
import type { Trigger } from './settings.js'

interface Authored {
  author_association?: unknown
  user?: { login?: unknown } | null
  number?: unknown
  pull_request?: unknown
}

interface Payload {
  comment?: Authored
  review?: Authored
  pull_request?: Authored
  issue?: Authored
  sender?: { login?: unknown } | null
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)

/** The trigger of a run from its event payload and GITHUB_TRIGGERING_ACTOR / GITHUB_ACTOR. */
export function triggerFrom(payload: unknown, env: Record<string, string | undefined>): Trigger | undefined {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Payload
  // The comment or review is what asked for the run: its author is the one who spends.
  const asking = p.comment ?? p.review ?? p.pull_request ?? p.issue
  const actor = str(env.GITHUB_TRIGGERING_ACTOR) ?? str(env.GITHUB_ACTOR) ?? str(p.sender?.login)
  const association = str(asking?.author_association)?.toUpperCase()
  const prNumber =
    typeof p.pull_request?.number === 'number'
      ? p.pull_request.number
      : p.issue?.pull_request && typeof p.issue.number === 'number'
        ? p.issue.number
        : undefined
  if (!actor && !association && prNumber === undefined) return undefined
  return {
    ...(actor ? { actor } : {}),
    ...(association ? { association } : {}),
    ...(prNumber !== undefined ? { pullRequest: prNumber } : {})
  }
}
