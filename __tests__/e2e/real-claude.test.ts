/**
 * The real Claude Code CLI (pinned 2.1.331) headless against our fake Messages API, then our action's
 * main → the recorded execution file → post. Relations, not constants: Claude's own total_cost_usd
 * equals the fake's logged usage priced by our table, and equals what post settles in the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeAnthropic, pricedCalls } from '../support/fake-anthropic.js'
import { installClaude } from '../support/claude-cli.js'
import { runJob, makeRunnerDirs } from '../support/runner.js'
import { builtInTable } from '../../src/pricing/table.js'
import { parseClaudeOutput } from '../../src/usage/parse.js'
import { priceRun } from '../../src/usage/cost.js'

const table = builtInTable()
let claude: string
let installSeconds: number

beforeAll(() => {
  const t0 = Date.now()
  claude = installClaude()
  installSeconds = (Date.now() - t0) / 1000
}, 300_000)

async function runClaude(fake: FakeAnthropic, args: string[], env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'acg-claude-home-'))
  const cwd = mkdtempSync(join(tmpdir(), 'acg-claude-cwd-'))
  const child = spawn(
    claude,
    ['-p', 'Say hi with the shell, then report.', '--output-format', 'stream-json', '--verbose', ...args],
    {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        ANTHROPIC_BASE_URL: fake.url,
        ANTHROPIC_API_KEY: 'sk-ant-dummy',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_TELEMETRY: '1',
        DISABLE_AUTOUPDATER: '1',
        ...env
      }
    }
  )
  let stdout = ''
  child.stdout.on('data', d => (stdout += d))
  child.stderr.on('data', () => undefined)
  const code = await new Promise<number>(r => child.on('close', c => r(c ?? -1)))
  return { code, stdout }
}

/** The fake's logged usage, priced request by request with our table: what Claude should report. */
const pricedLog = (fake: FakeAnthropic) => pricedCalls(fake.calls, table)

describe.each([
  ['5-minute cache', {}, [] as string[]],
  ['1-hour cache', { CLAUDE_CODE_PROMPT_CACHE_TTL: '1h' }, [] as string[]],
  ['--max-turns 1', {}, ['--max-turns', '1']]
])('real Claude Code 2.1.331, %s', (name, env, extra) => {
  let fake: FakeAnthropic
  beforeAll(async () => {
    fake = await new FakeAnthropic().start()
  })
  afterAll(async () => fake.stop())

  it('reports what our table prices from the API usage, and post settles exactly that', async () => {
    const t0 = Date.now()
    const run = await runClaude(fake, ['--model', 'claude-sonnet-4-5', ...extra], env)
    const result = parseClaudeOutput(run.stdout, 'stdout')
    const ours = priceRun(table, result, { day: new Date().toISOString().slice(0, 10), from: 'today' })
    const first = fake.calls[0]
    console.log(
      `${name}: exit ${run.code}, ${fake.calls.length} API calls, ${result.subtype}, Claude $${ours.claudeReportedUsd?.toFixed(6)}, fake log priced $${pricedLog(fake).toFixed(6)}, ours $${ours.usd.toFixed(6)}; first request system ${first.systemBytes} B, tools ${first.toolsBytes} B, messages ${first.messagesBytes} B; ${((Date.now() - t0) / 1000).toFixed(1)} s (install ${installSeconds.toFixed(1)} s)`
    )
    if (extra.length) {
      expect(run.code).toBe(1)
      expect(result).toMatchObject({ subtype: 'error_max_turns', isError: true })
    } else {
      expect(run.code).toBe(0)
      expect(result.subtype).toBe('success')
      expect(fake.calls.length).toBeGreaterThanOrEqual(2)
    }
    expect(Math.abs((ours.claudeReportedUsd ?? NaN) - pricedLog(fake))).toBeLessThan(1e-9)
    expect(Math.abs(ours.usd - pricedLog(fake))).toBeLessThan(1e-9)
    if ('CLAUDE_CODE_PROMPT_CACHE_TTL' in env) expect(ours.tokens.cacheWrite1hTokens).toBeGreaterThan(0)
    else expect(ours.tokens.cacheWrite1hTokens).toBe(0)

    // The claude-code preset's prefix for this model (bytes) against what the CLI really sent.
    const presets = JSON.parse(readFileSync('src/estimate/presets.json', 'utf8'))
    const row = presets.agents['claude-code'].prefixBytes.find((r: { match: string }) =>
      new RegExp(r.match).test('claude-sonnet-4-5')
    )
    const sent = first.systemBytes + first.toolsBytes + first.messagesBytes
    expect(Math.abs(sent - row.bytes) / row.bytes).toBeLessThan(0.15)

    // The action: main gates, the agent's stream is the execution file, post settles it.
    const dirs = makeRunnerDirs()
    const { main, post } = await runJob({
      dirs,
      // The scenario as a user would describe it: two turns, a tiny tool result, an API key's cache TTL.
      inputs: {
        prompt: 'Say hi with the shell, then report.',
        model: 'claude-sonnet-4-5',
        'max-turns': extra.length ? '1' : '3',
        'expected-turns': extra.length ? '1' : '2',
        'growth-per-turn': '300',
        'output-per-turn': '150',
        'cache-ttl': 'CLAUDE_CODE_PROMPT_CACHE_TTL' in env ? '1h' : '5m',
        ledger: `file:${dirs.temp}/ledger.json`,
        'monthly-credits': '20'
      },
      between: d =>
        writeFileSync(
          join(d.temp, 'claude-execution-output.json'),
          JSON.stringify(
            run.stdout
              .trim()
              .split('\n')
              .map(l => JSON.parse(l)),
            null,
            2
          )
        )
    })
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)
    const file = readdirSync(dirs.temp).find(f => /^ledger\..*\.json$/.test(f)) as string
    const entry = JSON.parse(readFileSync(join(dirs.temp, file), 'utf8')).entries[0]
    expect(entry.status).toBe('settled')
    expect(Math.abs(entry.actualUsd - (ours.claudeReportedUsd as number))).toBeLessThan(1e-9)
    // What history learns from the real CLI's stream: its requests and the TTL its writes went to.
    expect(entry.behaviour.requests).toBeGreaterThanOrEqual(1)
    expect(entry.behaviour.requests).toBeLessThanOrEqual(fake.calls.length)
    expect(entry.behaviour.cacheTtl).toBe('CLAUDE_CODE_PROMPT_CACHE_TTL' in env ? '1h' : '5m')
    console.log(
      `${name}: estimate p50 $${main.outputs['estimate-usd']}, p90 $${main.outputs['estimate-usd-p90']}, actual $${entry.actualUsd.toFixed(6)}`
    )
  }, 120_000)
})
