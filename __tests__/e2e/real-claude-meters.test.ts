/**
 * What the real Claude Code CLI (pinned 2.1.331) says about a subscription's windows, and that we read
 * it: the CLI runs headless against our fake Messages API, which answers with the
 * `anthropic-ratelimit-unified-*` headers a subscription gets. With an OAuth token the CLI turns them
 * into `rate_limit_event` messages (and a 429 `rejected` into a stopped run); with an API key it emits
 * none. The fixtures in fixtures/meters/ were recorded this way.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FakeAnthropic } from '../support/fake-anthropic.js'
import { installClaude } from '../support/claude-cli.js'
import { GitHubDouble } from '../support/github-server.js'
import { runJob } from '../support/runner.js'
import { readMeters } from '../../src/usage/meters.js'
import { parseClaudeOutput } from '../../src/usage/parse.js'
import { tempDir } from '../support/temp-dirs.js'

let claude: string
beforeAll(() => {
  claude = installClaude()
})

let fake: FakeAnthropic | undefined
afterEach(async () => fake?.stop())

const SOON = Math.floor(Date.now() / 1000) + 1800
const LATER = Math.floor(Date.now() / 1000) + 3 * 86400
/** The headers a subscription's response carries (names as Claude Code 2.1.331 reads them). */
const unified = (h: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [`anthropic-ratelimit-unified-${k}`, String(v)]))
const windows = (five: [string, number], week: [string, number], status = five[0]) =>
  unified({
    status,
    reset: SOON,
    'representative-claim': week[0] === 'rejected' ? 'seven_day' : 'five_hour',
    '5h-status': five[0],
    '5h-utilization': five[1],
    '5h-reset': SOON,
    '7d-status': week[0],
    '7d-utilization': week[1],
    '7d-reset': LATER,
    'overage-status': 'rejected',
    'overage-disabled-reason': 'out_of_credits'
  })

async function runClaude(auth: 'oauth' | 'api-key') {
  const child = spawn(
    claude,
    [
      '-p',
      'Say hi with the shell, then report.',
      '--output-format',
      'stream-json',
      '--verbose',
      '--model',
      'claude-sonnet-5-5'
    ],
    {
      cwd: tempDir('meters-cwd'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: tempDir('meters-home'),
        ANTHROPIC_BASE_URL: fake!.url,
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_TELEMETRY: '1',
        DISABLE_AUTOUPDATER: '1',
        ...(auth === 'oauth'
          ? { CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-local-test-token' }
          : { ANTHROPIC_API_KEY: 'sk-ant-api03-local-test-key' })
      }
    }
  )
  let stdout = ''
  child.stdout.on('data', d => (stdout += d))
  child.stderr.on('data', () => undefined)
  const code = await new Promise<number>(r => child.on('close', c => r(c ?? -1)))
  const messages = stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l))
  return { code, stdout, meters: readMeters(messages), result: parseClaudeOutput(stdout, 'stdout') }
}

const iso = (s: number) => new Date(s * 1000).toISOString()

describe('real Claude Code 2.1.331 on a subscription', () => {
  it('reports both windows of a run within its limits, and we read them', async () => {
    fake = await new FakeAnthropic().start()
    fake.respond = () => ({ headers: windows(['allowed', 0.31], ['allowed', 0.12]) })
    const run = await runClaude('oauth')
    expect(run.code).toBe(0)
    expect(run.meters.readings).toEqual([
      { meter: 'five_hour', status: 'allowed', utilization: 0.31, resetsAt: iso(SOON) },
      { meter: 'seven_day', status: 'allowed', utilization: 0.12, resetsAt: iso(LATER) }
    ])
    expect(run.meters.stop).toBeUndefined()
  })

  it('reports a 5-hour warning', async () => {
    fake = await new FakeAnthropic().start()
    fake.respond = () => ({ headers: windows(['allowed_warning', 0.86], ['allowed', 0.4]) })
    const run = await runClaude('oauth')
    expect(run.meters.readings[0]).toEqual({
      meter: 'five_hour',
      status: 'allowed_warning',
      utilization: 0.86,
      resetsAt: iso(SOON)
    })
  })

  it('ends a run the 5-hour limit stops with the window and the cost spent before it', async () => {
    fake = await new FakeAnthropic().start()
    fake.respond = i =>
      i === 0
        ? { headers: windows(['allowed_warning', 0.97], ['allowed', 0.5]) }
        : { status: 429, headers: windows(['rejected', 1], ['allowed', 0.51]) }
    const run = await runClaude('oauth')
    expect(run.code).toBe(1)
    expect(run.result.isError).toBe(true)
    expect(run.result.totalCostUsd).toBeGreaterThan(0)
    expect(run.meters.stop).toEqual({
      kind: 'window',
      meter: 'five_hour',
      resetsAt: iso(SOON),
      message: expect.stringMatching(/^You've hit your 5-hour limit · resets /)
    })
  })

  it('emits no meter with an API key', async () => {
    fake = await new FakeAnthropic().start()
    fake.respond = () => ({ headers: windows(['allowed', 0.31], ['allowed', 0.12]) })
    const run = await runClaude('api-key')
    expect(run.code).toBe(0)
    expect(run.meters).toEqual({ readings: [], events: 0, notes: [] })
  })
})

/**
 * The whole loop through the bundles, as four CI jobs on one subscription: the real CLI's own output
 * is the execution file post reads. Run 1 is allowed and sees a 5-hour warning; run 2 ends on a
 * rejection; run 3's gate skips with the reset time, a neutral check run and no hold; run 4, with the
 * clock past the reset (AGENT_CREDIT_GATE_NOW), passes.
 */
describe('a subscription job through the action, across a 5-hour limit', () => {
  let server: GitHubDouble
  beforeAll(async () => {
    server = await new GitHubDouble().start()
  })
  afterAll(async () => server.stop())

  it('warns, records the stopped run, skips cleanly until the reset, then runs again', async () => {
    const ledgerDir = tempDir('meters-ledger')
    const inputs = {
      prompt: 'Say hi with the shell, then report.',
      model: 'claude-sonnet-5-5',
      'max-turns': '4',
      'monthly-credits': '50',
      'on-exhaust': 'skip',
      ledger: `file:${ledgerDir}/ledger.json`,
      'github-token': 'ghs_metersScenario'
    }
    const job = async (
      runId: string,
      claudeRun?: () => Promise<{ stdout: string }>,
      env: Record<string, string> = {}
    ) =>
      runJob({
        inputs,
        env: { GITHUB_API_URL: server.url, GITHUB_SHA: 'c'.repeat(40), GITHUB_RUN_ID: runId, ...env },
        between: async dirs => {
          if (!claudeRun) return
          const { stdout } = await claudeRun()
          const messages = stdout
            .trim()
            .split('\n')
            .map(l => JSON.parse(l))
          writeFileSync(join(dirs.temp, 'claude-execution-output.json'), JSON.stringify(messages, null, 2))
        }
      })

    fake = await new FakeAnthropic().start()
    fake.respond = () => ({ headers: windows(['allowed_warning', 0.86], ['allowed', 0.4]) })
    const one = await job('101', () => runClaude('oauth'))
    expect(one.main.outputs).toMatchObject({ allowed: 'true', decision: 'pass', limited: 'false' })
    expect(one.post.exitCode).toBe(0)
    await fake.stop()

    fake = await new FakeAnthropic().start()
    fake.respond = i =>
      i === 0
        ? { headers: windows(['allowed_warning', 0.97], ['allowed', 0.5]) }
        : { status: 429, headers: windows(['rejected', 1], ['allowed', 0.51]) }
    const two = await job('102', () => runClaude('oauth'))
    expect(two.main.outputs).toMatchObject({ allowed: 'true', decision: 'warn' })
    expect(
      two.main.commands.some(c => c.command === 'warning' && /5-hour limit near: 86% used/.test(c.message))
    ).toBe(true)
    expect(two.post.exitCode).toBe(0)
    expect(two.post.summary).toMatch(/Stopped by the 5-hour limit: recorded with what it spent before that/)

    const three = await job('103')
    expect(three.main.exitCode).toBe(0)
    expect(three.main.outputs).toMatchObject({
      allowed: 'false',
      decision: 'fail',
      limited: 'true',
      'limit-resets-at': iso(SOON),
      'max-budget-usd': '0'
    })
    expect(three.main.commands.filter(c => c.command === 'error')).toEqual([])
    expect(
      three.main.commands.some(
        c => c.command === 'notice' && /^5-hour limit reached; resets /.test(c.message)
      )
    ).toBe(true)
    expect(three.post.stdout).toContain('no hold was written')
    const check = server.checkRuns.at(-1)!
    expect(check).toMatchObject({ conclusion: 'neutral' })
    expect(check.output?.title).toMatch(/^Skipped: 5-hour limit reached — resets /)

    const four = await job('104', undefined, {
      AGENT_CREDIT_GATE_NOW: new Date((SOON + 60) * 1000).toISOString()
    })
    expect(four.main.outputs).toMatchObject({ allowed: 'true', limited: 'false' })

    const ledger = readdirSync(ledgerDir).find(f => /^ledger\..*\.json$/.test(f))!
    const entries = JSON.parse(readFileSync(join(ledgerDir, ledger), 'utf8')).entries
    expect(
      entries.map((e: { key: string; status: string; stoppedBy?: string }) => [
        e.key.split('/')[0],
        e.status,
        e.stoppedBy
      ])
    ).toEqual([
      ['101', 'settled', undefined],
      ['102', 'settled', 'five_hour'],
      // No Claude step ran in this test's run 4: post keeps its hold as spent (unverified).
      ['104', 'settled', undefined]
    ])
  })
})
