/**
 * The subscription's windows through the real steps over an in-memory ledger: post reads them from
 * Claude's output (fixtures recorded from the real CLI), the ledger keeps them per account, and the
 * next gate refuses, warns or passes on them.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSettings } from '../../src/config/parse.js'
import { MemoryStore } from '../../src/store/memory.js'
import type { DocumentStore } from '../../src/store/types.js'
import { nodeFiles } from '../../src/files/files.js'
import { readCycle } from '../../src/ledger/update.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { consequencesOf } from '../../src/budget/consequences.js'
import { gate } from '../../src/steps/gate.js'
import { record } from '../../src/steps/record.js'
import { status } from '../../src/steps/status.js'
import { outputsFor } from '../../src/action/outputs.js'
import { renderReport } from '../../src/report/markdown.js'
import { headlineOf, headlineText } from '../../src/report/headline.js'
import { renderEstimateText, renderStatusText } from '../../src/cli/render.js'
import { InputError } from '../../src/errors.js'
import { tempDir } from '../support/temp-dirs.js'
import { heldAfter } from '../support/ledger-fixtures.js'

/** 06:30 UTC on the day the fixtures were recorded: their 5-hour window resets at 07:00:48. */
const BEFORE_RESET = new Date('2026-11-30T06:30:00Z')
const AFTER_RESET = new Date('2026-11-30T07:05:00Z')
const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)

function job(runId: string, inputs: Record<string, string> = {}) {
  const dir = tempDir('meters')
  const settings = parseSettings(
    {
      prompt: 'Review the diff and report bugs.',
      model: 'sonnet',
      'max-turns': '4',
      'monthly-credits': '50',
      'on-exhaust': 'skip',
      'report-file': join(dir, 'report.json'),
      'usage-file': join(dir, 'result.json'),
      ...inputs
    },
    { GITHUB_REPOSITORY: 'acme/api', GITHUB_RUN_ID: runId },
    'cli'
  )
  const deps = (store: DocumentStore, now: Date) => ({
    now,
    files: nodeFiles(dir),
    log: () => undefined,
    store
  })
  return {
    settings,
    /** The gate, then (when Claude left `result`) the post step, as one CI job. */
    async run(store: DocumentStore, now: Date, result?: string) {
      const gated = await gate(settings, deps(store, now))
      if (!gated.holdKey || !result) return { gated }
      writeFileSync(settings.reports.reportFile, JSON.stringify(gated.report))
      copyFileSync(fixture(result), join(dir, 'result.json'))
      const later = new Date(now.getTime() + 60_000)
      const posted = await record(settings, heldAfter(gated, settings), deps(store, later))
      return { gated, posted }
    }
  }
}

describe('the gate on subscription windows', () => {
  it('warns after a run saw a 5-hour warning, skips after a run the limit stopped, and passes after the reset', async () => {
    const store = new MemoryStore()
    // Run 1 is allowed and sees a 5-hour warning.
    const one = await job('1').run(store, BEFORE_RESET, 'meters/five-hour-warning.jsonl')
    expect(one.gated.report.decision?.decision).toBe('pass')
    expect(one.posted!.report.meters?.meters[0]).toMatchObject({
      meter: 'five_hour',
      status: 'allowed_warning',
      utilization: 0.86
    })
    // Run 2 is warned, and ends on a rejection: recorded with what it spent, marked stopped.
    const two = await job('2').run(
      store,
      new Date(BEFORE_RESET.getTime() + 5 * 60_000),
      'meters/five-hour-rejected-mid-run.jsonl'
    )
    expect(two.gated.report.decision).toMatchObject({ decision: 'warn', allowed: true })
    expect(two.gated.report.decision!.reason).toContain('5-hour limit near: 86% used; resets 07:30 UTC.')
    expect(two.posted!.report.actual).toMatchObject({ stoppedBy: 'five_hour', unverified: false })
    expect(two.posted!.report.actual!.usd).toBeGreaterThan(0)
    expect(headlineOf(two.posted!.report).next).toMatch(
      /^⛔ Stopped by the 5-hour limit: recorded with what it spent before that\./
    )
    const doc = (await readCycle(store, cycleAt(BEFORE_RESET, 1))).doc!
    expect(doc.entries.find(e => e.key.startsWith('2/'))).toMatchObject({
      status: 'settled',
      stoppedBy: 'five_hour'
    })
    // Run 3's gate skips with the reset time: no hold, allowed=false, a neutral check, no red X.
    const three = await job('3').run(store, new Date(BEFORE_RESET.getTime() + 10 * 60_000))
    const d = three.gated.report.decision!
    expect(three.gated.holdKey).toBeUndefined()
    expect(d).toMatchObject({
      decision: 'fail',
      allowed: false,
      limit: { kind: 'window', meter: 'five_hour', label: '5-hour limit' }
    })
    expect(d.reason).toBe(
      '5-hour limit reached; resets 07:00 UTC: the agent step is skipped (allowed=false).'
    )
    expect(consequencesOf(d)).toMatchObject({
      failsStep: false,
      checkConclusion: 'neutral',
      word: 'Skipped: 5-hour limit reached'
    })
    expect(outputsFor(three.gated.report, 'r.json')).toMatchObject({
      allowed: 'false',
      limited: 'true',
      'limit-resets-at': '2026-11-30T07:00:48.000Z'
    })
    expect(headlineText(headlineOf(three.gated.report))).toBe(
      '⏭️ Skipped: 5-hour limit reached — resets 07:00 UTC (in 1 hour) · 100% used when last seen · seen 06:36 UTC'
    )
    expect(three.gated.report.waysOut).toBeUndefined()
    expect((await readCycle(store, cycleAt(BEFORE_RESET, 1))).doc!.entries).toHaveLength(2)
    // Run 4, after the reset, passes.
    const four = await job('4').run(store, AFTER_RESET)
    expect(four.gated.report.decision).toMatchObject({ decision: 'pass', allowed: true })
    expect(four.gated.report.meters?.meters.find(m => m.meter === 'five_hour')).toMatchObject({ stale: true })
  })

  it('shows the windows in every report: comment, summary, check run, CLI and status', async () => {
    const store = new MemoryStore()
    await job('1').run(store, BEFORE_RESET, 'meters/allowed.jsonl')
    const { gated } = await job('2').run(store, new Date(BEFORE_RESET.getTime() + 60_000))
    for (const variant of ['comment', 'summary', 'check'] as const) {
      const md = renderReport(gated.report, { variant })
      expect(md).toContain('| Subscription window (local) | Used | Status | Resets | Seen |')
      expect(md).toMatch(
        /\| 5-hour limit \| 31% \| within its limit \| 07:30 UTC \(in 1 hour\) \| 06:31 UTC, run 1 \|/
      )
      expect(md).toMatch(/\| Weekly limit \| 12% \| within its limit \| Dec 3, 06:30 UTC \(in 2 days\) \|/)
    }
    expect(renderEstimateText(gated.report)).toContain(
      '  5-hour limit: 31% used, within its limit; resets 07:30 UTC (in 1 hour); seen'
    )
    const s = await status(job('3').settings, {
      now: BEFORE_RESET,
      files: nodeFiles(tmpdir()),
      log: () => undefined,
      store
    })
    expect(renderStatusText(s)).toContain('windows (local):')
  })

  it('keeps each account’s windows apart', async () => {
    const store = new MemoryStore()
    await job('1', { account: 'bot-a' }).run(
      store,
      BEFORE_RESET,
      'meters/weekly-rejected-first-request.jsonl'
    )
    const a = await job('2', { account: 'bot-a' }).run(store, new Date(BEFORE_RESET.getTime() + 60_000))
    const b = await job('3', { account: 'bot-b' }).run(store, new Date(BEFORE_RESET.getTime() + 60_000))
    expect(a.gated.report.decision).toMatchObject({ allowed: false, limit: { meter: 'seven_day' } })
    expect(b.gated.report.decision).toMatchObject({ decision: 'pass', allowed: true })
    expect(b.gated.report.meters).toBeUndefined()
  })

  it('carries the windows into the next billing cycle', async () => {
    const store = new MemoryStore()
    const lastDay = new Date('2026-11-30T23:00:00Z')
    await job('1').run(store, lastDay, 'meters/weekly-rejected-first-request.jsonl')
    const next = await job('2').run(store, new Date('2026-12-01T00:30:00Z'))
    // The weekly window's reset (08:30 on Nov 30) has passed: it shows as started over, and the run passes.
    expect(next.gated.report.meters?.meters.find(m => m.meter === 'seven_day')).toMatchObject({
      status: 'rejected',
      stale: true
    })
    expect(next.gated.report.decision?.allowed).toBe(true)
  })

  it('says when the result format cannot carry the windows, and asks an API-key budget for its dollars', async () => {
    const store = new MemoryStore()
    const json = await job('1').run(store, BEFORE_RESET, 'result-success.json')
    expect(json.posted!.report.notices.join('\n')).toContain('carries no rate_limit_event')
    const err = await gate(job('2', { auth: 'api-key', 'monthly-credits': '' }).settings, {
      now: BEFORE_RESET,
      files: nodeFiles(tmpdir()),
      log: () => undefined,
      store: new MemoryStore()
    }).catch(e => e)
    expect(err).toBeInstanceOf(InputError)
    expect(err.message).toMatch(/^monthly-credits: auth api-key pays list price/)
  })

  it('tolerates bad events in a result file: the dollars are recorded, the meters stay sane, each repair is one line', async () => {
    const store = new MemoryStore()
    const good = readFileSync(fixture('meters/allowed.jsonl'), 'utf8').trim().split('\n')
    const bad = [
      '{"type":"rate_limit_event","rate_limit_info":"garbage"}',
      '{"type":"rate_limit_event","rate_limit_info":{"status":"allowed_warning","rateLimitType":"five_hour","utilization":7.5,"resetsAt":1796023830000}}',
      '{"type":"rate_limit_event","rate_limit_info":{"status":"allowed","rateLimitType":"ten_minute_burst","resetsAt":1796023830}}',
      '{"type":"rate_limit_event","rate_limit_info":{"status":"rejected","rateLimitType":"five_h'
    ]
    // The events before the result, the stream cut inside the last one.
    const text = [...good.slice(0, -1), ...bad.slice(0, 3), good.at(-1), bad[3]].join('\n')
    const dir = tempDir('bad-meters')
    writeFileSync(join(dir, 'bad.jsonl'), text)
    const bot = job('1', { 'usage-file': join(dir, 'bad.jsonl') })
    const one = await bot.run(store, BEFORE_RESET)
    expect(one.gated.holdKey).toBeDefined()
    const settings = bot.settings
    writeFileSync(settings.reports.reportFile, JSON.stringify(one.gated.report))
    const { report } = await record(settings, heldAfter(one.gated, settings), {
      now: BEFORE_RESET,
      files: nodeFiles(dir),
      log: () => undefined,
      store
    })
    expect(report.actual).toMatchObject({ unverified: false })
    expect(report.notices).toEqual(
      expect.arrayContaining([
        'rate_limit_event: a rate_limit_event without rate_limit_info: skipped',
        'rate_limit_event: utilization 7.5 over 1: shown as 100%',
        'rate_limit_event: resetsAt in milliseconds: read as such'
      ])
    )
    const five = report.meters!.meters.find(m => m.meter === 'five_hour')!
    expect(five).toMatchObject({
      status: 'allowed_warning',
      utilization: 1,
      resetsAt: '2026-11-30T07:30:30.000Z'
    })
  })
})
