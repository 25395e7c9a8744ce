/**
 * The 5m/1h split of cache writes for results whose modelUsage does not carry it (Claude Code before
 * 2.1.311). The result's own `usage` is the main loop's: its `cache_creation` (or, without it, the sum
 * of its `iterations[]`) says how many of the main loop's writes were 1-hour writes. With one model
 * that writes to the cache that is exact; with several, the main loop's 1-hour writes go to the main
 * loop's model and every other model's writes stay at the 5-minute rate: Claude Code asks for a 1-hour
 * TTL only on the main thread of a subscriber, and 5 minutes on subagents, compaction and other side
 * requests (its TTL choice by query source, read from the 2.1.331 binary).
 */
import type { TokenUsage } from '../pricing/types.js'

/** The part of a result's `usage` this needs. */
export interface MainLoopUsage {
  cacheWrites: number
  cacheCreation?: { oneHour?: number }
  iterations: Array<{ model?: string; oneHour: number }>
}

/** One model's usage before the split: all writes counted as 5-minute writes. */
export interface UnsplitModel {
  model: string
  usage: TokenUsage
}

export interface Split {
  /** 1-hour writes by model key (missing = none). */
  oneHour: Map<string, number>
  /** The model the main loop's 1-hour writes were given to, when there were any. */
  mainModel?: string
  /** How the writes were assigned, when more than one model wrote to the cache. */
  note?: string
}

const bare = (model: string) => model.replace(/\[[^\]]*\]$/, '').replace(/-\d{8}$/, '')

/**
 * Assign 1-hour writes to the models of `unsplit`. `startModel` is the init message's model (the main
 * loop's, unless it fell back to another).
 */
export function splitCacheWrites(main: MainLoopUsage, unsplit: UnsplitModel[], startModel?: string): Split {
  const oneHour = new Map<string, number>()
  const writesOf = (m: UnsplitModel) => m.usage.cacheWrite5mTokens + m.usage.cacheWrite1hTokens
  const give = (model: string, tokens: number) => {
    const m = unsplit.find(u => u.model === model)
    if (!m || tokens <= 0) return
    oneHour.set(model, Math.min(writesOf(m), (oneHour.get(model) ?? 0) + tokens))
  }
  // Iterations that name their model (advisor, fallback) count for that model.
  for (const it of main.iterations)
    if (it.model) give(unsplit.find(u => bare(u.model) === bare(it.model as string))?.model ?? '', it.oneHour)
  const mainOneHour =
    main.cacheCreation?.oneHour ?? main.iterations.filter(i => !i.model).reduce((s, i) => s + i.oneHour, 0)
  if (mainOneHour <= 0) return { oneHour }
  // The main loop's writes are part of its model's totals: only a model with at least as many writes can be it.
  const candidates = unsplit.filter(m => writesOf(m) >= Math.min(main.cacheWrites, mainOneHour))
  const started = startModel ? candidates.find(m => bare(m.model) === bare(startModel)) : undefined
  const chosen =
    started ??
    (candidates.length ? candidates.reduce((a, b) => (writesOf(b) > writesOf(a) ? b : a)) : undefined)
  if (!chosen) return { oneHour }
  give(chosen.model, mainOneHour)
  const others = unsplit.filter(m => m !== chosen && writesOf(m) > 0).map(m => m.model)
  const note = others.length
    ? `1-hour cache writes: the result's usage (the main loop) has ${mainOneHour.toLocaleString('en-US')}, given to ${chosen.model} ` +
      `(${started ? 'the model the run started with' : 'the model with the most cache writes'}); the cache writes of ${others.join(', ')} ` +
      'are priced at the 5-minute rate, the TTL Claude Code asks for on subagents and side requests'
    : undefined
  return { oneHour, mainModel: chosen.model, note }
}
