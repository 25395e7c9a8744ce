/** Agent presets: the fixed prefix an agent sends and its per-turn defaults, as data. */
import type { ModelEntry } from '../pricing/types.js'
import presets from './presets.json' with { type: 'json' }

export type AgentName = 'claude-code' | 'none'

export interface PresetDefaults {
  expectedTurns: number
  growthPerTurn: number
  outputPerTurn: number
  cacheHitRate: number
}

/** Per-turn defaults of a preset for a run capped at maxTurns. */
export function presetDefaults(agent: AgentName, maxTurns: number): PresetDefaults {
  const p = presets[agent]
  return {
    expectedTurns: Math.max(1, Math.round(maxTurns * p.expectedTurnsShare.value)),
    growthPerTurn: p.growthPerTurn.value,
    outputPerTurn: p.outputPerTurn.value,
    cacheHitRate: p.cacheHitRate.value
  }
}

/** The agent's prefix for a model in tokens: measured bytes over the preset's measured bytes per token. */
export function prefixTokens(agent: AgentName, model: ModelEntry): { tokens: number; source: string } {
  const p = presets[agent]
  const row =
    p.prefixBytes.find(r => new RegExp(r.match).test(model.id)) ?? p.prefixBytes[p.prefixBytes.length - 1]
  if (row.bytes === 0) return { tokens: 0, source: `${agent} preset: ${row.why}` }
  const version = 'cliVersion' in p ? ` ${p.cliVersion}` : ''
  const perToken = 'bytesPerToken' in p ? p.bytesPerToken.value : 4
  return {
    tokens: Math.round(row.bytes / perToken),
    source: `${agent}${version} preset: ${row.bytes.toLocaleString('en-US')} B measured (${row.why})`
  }
}
