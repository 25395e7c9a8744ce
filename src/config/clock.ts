/**
 * The clock a step acts by. AGENT_CREDIT_GATE_NOW (an ISO 8601 instant) pins it, to replay a day's
 * decisions or test what happens after a window resets; otherwise it is the machine's clock.
 */
import { InputError } from '../errors.js'

export function clockFrom(env: { AGENT_CREDIT_GATE_NOW?: string }): () => Date {
  const pinned = env.AGENT_CREDIT_GATE_NOW?.trim()
  if (!pinned) return () => new Date()
  const at = new Date(pinned)
  if (!/^\d{4}-\d\d-\d\dT/.test(pinned) || Number.isNaN(at.getTime()))
    throw new InputError([
      `AGENT_CREDIT_GATE_NOW: expected an ISO 8601 instant such as 2026-11-30T15:40:00Z, got ${JSON.stringify(pinned.slice(0, 40))}; unset it to use the clock`
    ])
  return () => at
}
