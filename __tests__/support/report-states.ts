/**
 * The four reports a developer sees on a PR — pass, warn, refused, settled — made the way the action
 * makes them: a cycle's ledger with runs settled on many days (this job and another, two models), then
 * the real `gate` step and, for settled, the real `record` step reading a Claude result file. The
 * renderer tests and the browser test read these instead of hand-built report objects.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSettings } from '../../src/config/parse.js'
import type { Settings } from '../../src/config/settings.js'
import { MemoryStore } from '../../src/store/memory.js'
import { nodeFiles } from '../../src/files/files.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { jobIdOf, reserve, settle } from '../../src/ledger/operations.js'
import { updateLedger } from '../../src/ledger/update.js'
import { observeMeters } from '../../src/ledger/meters.js'
import { gate } from '../../src/steps/gate.js'
import { record } from '../../src/steps/record.js'
import type { GateReport } from '../../src/report/types.js'
import { builtInTable, resolveModel } from '../../src/pricing/table.js'
import { addUsage, NO_USAGE, priceUsage } from '../../src/pricing/cost.js'

export type ReportState = 'pass' | 'warn' | 'refused' | 'settled' | 'limited'
/** The four money states every renderer test walks through. */
export const REPORT_STATES: ReportState[] = ['pass', 'warn', 'refused', 'settled']
/** And a subscription whose 5-hour window an earlier run used up (the browser test shows it too). */
export const LIMITED: ReportState = 'limited'

/** Monday 24 November 2026, noon: a cycle that started on the 1st and resets on 1 December. */
export const STATE_NOW = new Date('2026-11-24T12:00:00Z')

/** Settled spend before this run, by state, on the $20.00 Pro credit. */
const SPENT_BEFORE: Record<ReportState, number> = {
  pass: 6.4,
  warn: 15.9,
  refused: 19.85,
  settled: 16.0,
  limited: 6.4
}

/** What the last run before this one reported: the 5-hour window used up, the weekly one at 62%. */
async function windowUsedUp(store: MemoryStore, settings: Settings): Promise<void> {
  const seen = new Date(STATE_NOW.getTime() - 40 * 60_000)
  await updateLedger(store, cycleAt(STATE_NOW, 1), doc => ({
    doc: observeMeters(
      doc,
      settings.ledger.account,
      {
        readings: [
          { meter: 'five_hour', status: 'rejected', utilization: 1, resetsAt: '2026-11-24T14:20:00.000Z' },
          { meter: 'seven_day', status: 'allowed', utilization: 0.62, resetsAt: '2026-11-27T09:00:00.000Z' }
        ],
        stop: {
          kind: 'window',
          meter: 'five_hour',
          resetsAt: '2026-11-24T14:20:00.000Z',
          message: "You've hit your 5-hour limit · resets 2:20pm (UTC)"
        },
        events: 2,
        notes: []
      },
      { key: '8990/1/acme%2Fapi/Claude%20review/review/gate', usd: 0.31, now: seen }
    ),
    result: undefined
  }))
}

const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)

function settingsFor(dir: string, inputs: Record<string, string>): Settings {
  return parseSettings(
    {
      prompt: 'Review the diff of this pull request and report bugs with file and line.',
      model: 'sonnet',
      'max-turns': '12',
      // A subscription run's 1-hour cache, so the settled state shows a run that wrote 5-minute ones.
      'cache-ttl': '1h',
      'report-file': join(dir, 'report.json'),
      'usage-file': join(dir, 'result.json'),
      ...inputs
    },
    {
      GITHUB_REPOSITORY: 'acme/api',
      GITHUB_WORKFLOW: 'Claude review',
      GITHUB_JOB: 'review',
      GITHUB_ACTION: 'gate',
      GITHUB_RUN_ID: '9001'
    },
    'cli'
  )
}

/**
 * Past runs on weekdays of the cycle before today, summing to `total`: this job's reviews cost a few
 * dimes each (Sonnet and, now and then, Opus); a nightly triage job on Haiku spends the rest, unevenly.
 */
async function history(store: MemoryStore, settings: Settings, total: number): Promise<void> {
  const cycle = cycleAt(STATE_NOW, 1)
  const days: Date[] = []
  for (let d = new Date(cycle.start); d < STATE_NOW; d = new Date(d.getTime() + 86_400_000)) {
    const wd = d.getUTCDay()
    if (wd !== 0 && wd !== 6 && d.toISOString().slice(0, 10) !== '2026-11-24') days.push(d)
  }
  const shape = [3, 5, 2, 8, 4, 6, 1, 7, 5, 3, 9, 4, 2, 6, 5, 3]
  const reviews = days.map((_, i) => 0.12 + 0.03 * (i % 5))
  const rest = total - reviews.reduce((a, b) => a + b, 0)
  const weights = days.map((_, i) => shape[i % shape.length])
  const sum = weights.reduce((a, b) => a + b, 0)
  const runs = days.flatMap((day, i) => [
    {
      day,
      i,
      key: `review-${i}`,
      jobId: jobIdOf(settings.job),
      usd: reviews[i],
      model: i % 4 === 0 ? 'claude-opus-5-5' : 'claude-sonnet-5-5'
    },
    {
      day,
      i,
      key: `triage-${i}`,
      jobId: 'acme/api/Nightly triage/triage/gate',
      usd: (rest * weights[i]) / sum,
      model: 'claude-haiku-5-5'
    }
  ])
  for (const run of runs) {
    const at = new Date(run.day.getTime() + (9 + (run.i % 8)) * 3_600_000)
    await updateLedger(store, cycle, doc => {
      const held = reserve(
        doc,
        {
          key: run.key,
          jobId: run.jobId,
          holdUsd: run.usd * 1.6,
          estimate: { p50Usd: run.usd * 1.1, p90Usd: run.usd * 1.6, maxUsd: run.usd * 3, gateOn: 'p90' },
          model: run.model,
          priceTableAsOf: '2026-11-23',
          holdHours: 6
        },
        at
      ).doc
      const turns = 4 + (run.i % 7)
      return {
        doc: settle(held, { key: run.key, actualUsd: run.usd, model: run.model, turns }, at).doc,
        result: undefined
      }
    })
  }
}

/**
 * Claude's result file for this run as claude-code-action leaves it: the estimate's own requests up to
 * 8 turns at 90% of their size, but written to the 5-minute cache (an API-key run) where the estimate
 * assumed 1 hour, plus a small Haiku side request, priced by our table as Claude prices it.
 */
function resultFor(report: GateReport): string {
  const table = builtInTable()
  const sonnet = resolveModel(table, report.model.id)
  const haiku = resolveModel(table, 'haiku')
  const sum = report.estimate.loop.perTurn
    .filter(t => t.turn <= 8)
    .reduce((a, t) => addUsage(a, t.usage), NO_USAGE)
  const main = {
    ...NO_USAGE,
    inputTokens: Math.round(sum.inputTokens * 0.9) + 42,
    outputTokens: Math.round(sum.outputTokens * 0.9),
    cacheReadTokens: Math.round(sum.cacheReadTokens * 0.9),
    cacheWrite5mTokens: Math.round((sum.cacheWrite1hTokens + sum.cacheWrite5mTokens) * 0.9)
  }
  const side = { ...NO_USAGE, inputTokens: 9870, outputTokens: 18 }
  const cost = (m: typeof sonnet, u: typeof main) => priceUsage(m, u).usd
  const usage = (u: typeof main, c: number) => ({
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    cacheReadInputTokens: u.cacheReadTokens,
    cacheCreationInputTokens: u.cacheWrite5mTokens,
    cacheCreationEphemeral5mInputTokens: u.cacheWrite5mTokens,
    cacheCreationEphemeral1hInputTokens: 0,
    webSearchRequests: 0,
    costUSD: c
  })
  const r = JSON.parse(readFileSync(fixture('result-success.json'), 'utf8')) as Record<string, unknown>
  const total = cost(sonnet, main) + cost(haiku, side)
  return JSON.stringify({
    ...r,
    num_turns: 8,
    total_cost_usd: total,
    usage: {
      input_tokens: main.inputTokens,
      output_tokens: main.outputTokens,
      cache_read_input_tokens: main.cacheReadTokens,
      cache_creation_input_tokens: main.cacheWrite5mTokens,
      cache_creation: { ephemeral_5m_input_tokens: main.cacheWrite5mTokens, ephemeral_1h_input_tokens: 0 },
      server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
      service_tier: 'standard'
    },
    modelUsage: { [sonnet.id]: usage(main, cost(sonnet, main)), [haiku.id]: usage(side, cost(haiku, side)) }
  })
}

/** How the settled run went wrong, if it did: no result file, or a ledger that refuses the settle. */
export type SettleTrouble = 'no-result-file' | 'ledger-down'

/** A memory ledger that stops taking writes when told to (a ledger outage between main and post). */
class FlakyStore extends MemoryStore {
  down = false
  override async write(name: string, text: string, version: string | null) {
    if (this.down)
      throw new Error('503 Service Unavailable (PATCH /repos/acme/api/git/refs/agent-credit-gate/ledger)')
    return super.write(name, text, version)
  }
}

/** The report of one state, as main (pass, warn, refused) or post (settled) would publish it. */
export async function reportIn(
  state: ReportState,
  extraInputs: Record<string, string> = {},
  trouble?: SettleTrouble
): Promise<GateReport> {
  const dir = mkdtempSync(join(tmpdir(), `acg-${state}-`))
  // A used-up window is best skipped (on-exhaust: skip), as the README's subscription workflow does.
  const settings = settingsFor(
    dir,
    state === 'limited' ? { 'on-exhaust': 'skip', ...extraInputs } : extraInputs
  )
  const store = new FlakyStore()
  await history(store, settings, SPENT_BEFORE[state])
  if (state === 'limited') await windowUsedUp(store, settings)
  const deps = { now: STATE_NOW, files: nodeFiles(dir), log: () => undefined, store }
  const gated = await gate(settings, deps)
  if (state !== 'settled') return gated.report
  writeFileSync(settings.reports.reportFile, JSON.stringify(gated.report))
  if (trouble !== 'no-result-file') writeFileSync(join(dir, 'result.json'), resultFor(gated.report))
  store.down = trouble === 'ledger-down'
  const later = { ...deps, now: new Date(STATE_NOW.getTime() + 11 * 60_000) }
  const { report } = await record(
    settings,
    {
      holdKey: gated.holdKey ?? '',
      cycle: gated.cycle,
      holdUsd: gated.report.decision?.holdUsd ?? 0,
      reportFile: settings.reports.reportFile
    },
    later
  )
  return report
}
