/**
 * Each job's last runs, kept whole beyond the entries of the cycle: the settled runs compaction folds
 * away, and those of earlier cycles, carried into each new cycle's document by its first write (the
 * way the meters are), so a job's history survives the reset and a weekly job gathers its runs over
 * months. Whole entries, so every field a settled entry records rides along. Pure.
 */
import type { LedgerDocument, LedgerEntry } from './document.js'

/** Settled runs kept per job beyond the cycle's entries. */
export const HISTORY_PER_JOB = 10
/** A job with no settled run for this long is not carried into the next cycle. */
export const HISTORY_DAYS = 92

export type JobHistory = NonNullable<LedgerDocument['history']>

const settledAt = (e: LedgerEntry) => e.settledAt ?? e.updatedAt

/** A run the next estimate can learn from: settled, with a verified actual. */
export const learnable = (e: LedgerEntry) =>
  e.status === 'settled' && !e.unverified && e.actualUsd !== undefined

/** The newest `HISTORY_PER_JOB` of `runs`, one per key, newest first. */
function newest(runs: LedgerEntry[]): LedgerEntry[] {
  const seen = new Set<string>()
  return [...runs]
    .sort((a, b) => settledAt(b).localeCompare(settledAt(a)))
    .filter(e => !seen.has(e.key) && seen.add(e.key))
    .slice(0, HISTORY_PER_JOB)
}

/** `history` with `runs` added (each under its job), each job trimmed to its newest runs. */
export function keepInHistory(history: JobHistory | undefined, runs: LedgerEntry[]): JobHistory {
  const next: JobHistory = { ...history }
  for (const e of runs.filter(learnable))
    next[e.jobId] = newest([...(next[e.jobId] ?? []), structuredClone(e)])
  return next
}

/**
 * What a new cycle's document starts with: per job, the newest settled runs of the previous cycle's
 * entries and history; a job not run for `HISTORY_DAYS` is let go. Undefined when there is nothing.
 */
export function carryHistory(previous: LedgerDocument | null, now: Date): JobHistory | undefined {
  if (!previous) return undefined
  const all = keepInHistory(previous.history, previous.entries)
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString()
  const kept = Object.entries(all).filter(([, runs]) => runs.length > 0 && settledAt(runs[0]) >= since)
  return kept.length > 0 ? Object.fromEntries(kept) : undefined
}

/** A job's runs the history holds (newest first). */
export function historyOf(doc: LedgerDocument, jobId: string): LedgerEntry[] {
  return doc.history?.[jobId] ?? []
}
