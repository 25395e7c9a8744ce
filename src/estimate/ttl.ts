/**
 * The cache TTL the agent's writes will go to. `auto` resolves from what is known, best first: the TTL
 * this job's settled runs actually used (the ledger records it), else what auth and the Claude Code
 * version imply, else the TTL measured on the calibration runs. The source is named in every report.
 */
import type { Auth, CacheTtl } from '../config/settings.js'
import type { PastRun } from './types.js'
import { SHIPPED, ttlFor, type FittedPresets } from './presets.js'

export interface ResolvedTtl {
  ttl: '5m' | '1h' | 'off'
  source: string
}

export function resolveCacheTtl(args: {
  setting: CacheTtl
  auth: Auth
  claudeVersion?: string
  pastRuns: PastRun[]
  fitted?: FittedPresets
}): ResolvedTtl {
  if (args.setting !== 'auto') return { ttl: args.setting, source: 'input' }
  const recorded = [...args.pastRuns]
    .filter(r => r.behaviour?.cacheTtl)
    .sort((a, b) => b.settledAt.localeCompare(a.settledAt))
  if (recorded.length > 0) {
    const ttl = recorded[0].behaviour!.cacheTtl!
    const same = recorded.filter(r => r.behaviour!.cacheTtl === ttl).length
    return {
      ttl,
      source: `auto: this job's last settled run (${recorded[0].settledAt.slice(0, 16).replace('T', ' ')}) wrote ${ttl} cache; ${same} of its ${recorded.length} recorded runs did`
    }
  }
  const known = ttlFor(args.auth, args.claudeVersion)
  if (known) {
    const who = args.auth === 'api-key' ? 'api-key auth' : `subscription on Claude Code ${args.claudeVersion}`
    return { ttl: known.value, source: `auto: ${who}: ${known.why}` }
  }
  const measured = (args.fitted ?? SHIPPED).measuredTtl
  const unknown = args.claudeVersion
    ? `nothing is known about Claude Code ${args.claudeVersion} on a subscription`
    : 'subscription auth and no claude-version given'
  return { ttl: measured.value, source: `auto: ${unknown}, so the measured default: ${measured.why}` }
}
