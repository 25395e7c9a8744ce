/**
 * `agent-credit-gate run -- claude …` with the real Claude Code CLI (pinned, scripts/install-claude.sh)
 * against the fake Messages API, the CLI bundle as users run it. Relations, not constants: the ledger
 * settles exactly Claude's own total_cost_usd, which is the fake's logged usage priced by our table; the
 * CLI really got --max-budget-usd (and honours it); a run stopped mid-stream settles what it spent; a
 * refused gate never starts Claude; the exit codes 0, 1 and 137 pass through.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FakeAnthropic, pricedCalls } from '../support/fake-anthropic.js'
import { installClaude } from '../support/claude-cli.js'
import { builtInTable } from '../../src/pricing/table.js'
import { tempDir } from '../support/temp-dirs.js'

const CLI = resolve('dist/cli/index.js')
const table = builtInTable()
const GATE = [
  '--prompt',
  'Say hi with the shell, then report.',
  '--model',
  'claude-sonnet-4-5',
  '--max-turns',
  '3'
]
let claude: string

beforeAll(() => {
  claude = installClaude()
}, 300_000)

let fake: FakeAnthropic
beforeEach(async () => {
  fake = await new FakeAnthropic().start()
})
afterEach(async () => fake.stop())

/** The fake's logged usage, priced request by request with our table: what Claude should report. */
const pricedLog = () => pricedCalls(fake.calls, table)

/**
 * `run [gate flags] -- claude <args>` in a fresh folder. `claude` is a wrapper named claude (so `run`
 * knows it) that notes its arguments and pid, then execs the real CLI in its place.
 */
function start(gateFlags: string[], claudeArgs: string[]) {
  const dir = tempDir('run-real')
  const wrapper = join(dir, 'bin', 'claude')
  const seen = join(dir, 'claude-args')
  const pid = join(dir, 'claude-pid')
  mkdirSync(join(dir, 'bin'))
  writeFileSync(
    wrapper,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\necho $$ > '${pid}'\nexec '${claude}' "$@"\n`
  )
  chmodSync(wrapper, 0o755)
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'run', '--ledger', `file:${join(dir, 'ledger.json')}`, ...gateFlags, '--', wrapper, ...claudeArgs],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        ANTHROPIC_BASE_URL: fake.url,
        ANTHROPIC_API_KEY: 'sk-ant-dummy',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_TELEMETRY: '1',
        DISABLE_AUTOUPDATER: '1'
      }
    }
  )
  let stdout = ''
  let stderr = ''
  const lineSeen: Array<[RegExp, () => void]> = []
  child.stdout?.on('data', d => {
    stdout += d
    for (const [re, fire] of lineSeen) if (re.test(stdout)) fire()
  })
  child.stderr?.on('data', d => (stderr += d))
  const done = new Promise<number>(r => child.on('close', c => r(c ?? -1)))
  return {
    child,
    done,
    /** Resolves once stdout has shown `re` (an event, not a wait). */
    shown: (re: RegExp) => new Promise<void>(r => lineSeen.push([re, r])),
    out: () => ({ stdout, stderr }),
    claudeArgs: () => (existsSync(seen) ? readFileSync(seen, 'utf8').trim().split('\n') : undefined),
    claudePid: () => Number(readFileSync(pid, 'utf8')),
    entries: () =>
      readdirSync(dir)
        .filter(f => /^ledger\..+\.json$/.test(f))
        .flatMap(
          f => JSON.parse(readFileSync(join(dir, f), 'utf8')).entries as Array<Record<string, unknown>>
        )
  }
}

/**
 * A run cut off after its first response settles that response: every input-side token as the API
 * billed it. Claude Code's stream shows a response's usage as of its start (the final output count comes
 * only in the result), so the output of a cut-off run can be short: never more than billed.
 */
function spentSoFar(e: Record<string, unknown>) {
  const billed = fake.calls[0].usage
  const usage = e.usage as Record<string, number>
  expect(usage).toMatchObject({
    inputTokens: billed.input_tokens,
    cacheReadTokens: billed.cache_read_input_tokens,
    cacheWrite5mTokens: billed.cache_creation.ephemeral_5m_input_tokens,
    cacheWrite1hTokens: billed.cache_creation.ephemeral_1h_input_tokens
  })
  expect(usage.outputTokens).toBeLessThanOrEqual(billed.output_tokens)
  expect(e.actualUsd as number).toBeGreaterThan(0)
  expect(e.actualUsd as number).toBeLessThanOrEqual(pricedLog() + 1e-12)
}

const CLAUDE_ARGS = [
  '-p',
  'Say hi with the shell, then report.',
  '--model',
  'claude-sonnet-4-5',
  '--output-format',
  'stream-json',
  '--verbose'
]

describe('run -- the real Claude Code CLI', () => {
  it('settles exactly what the stream says, and the CLI got the cap as --max-budget-usd', async () => {
    const r = start(['--monthly-credits', '100', ...GATE], CLAUDE_ARGS)
    const code = await r.done
    const { stdout, stderr } = r.out()
    expect(stderr).toMatch(/recorded: /)
    expect(code).toBe(0)
    const result = JSON.parse(stdout.trim().split('\n').pop() as string)
    expect(result.type).toBe('result')
    const e = r.entries()[0]
    expect(e.status).toBe('settled')
    expect(Math.abs((e.actualUsd as number) - result.total_cost_usd)).toBeLessThan(1e-9)
    expect(Math.abs((e.actualUsd as number) - pricedLog())).toBeLessThan(1e-9)
    const args = r.claudeArgs() as string[]
    const at = args.indexOf('--max-budget-usd')
    expect(at).toBeGreaterThan(-1)
    // The cap is what the $100 budget leaves for this run (nothing else is held): not its hold.
    expect(Number(args[at + 1])).toBeCloseTo(100, 6)
    expect(Number(args[at + 1])).toBeGreaterThanOrEqual(e.holdUsd as number)
  }, 180_000)

  it('the CLI honours the cap it got: its own smaller --max-budget-usd is kept and stops it', async () => {
    const r = start(['--monthly-credits', '100', ...GATE], [...CLAUDE_ARGS, '--max-budget-usd', '0.000001'])
    const code = await r.done
    const result = JSON.parse(r.out().stdout.trim().split('\n').pop() as string)
    console.log(`cap 0.000001: exit ${code}, ${result.subtype}, ${fake.calls.length} API call(s)`)
    expect(r.claudeArgs()?.slice(-2)).toEqual(['--max-budget-usd', '0.000001'])
    expect(result.subtype).toBe('error_max_budget_usd')
    expect(code).toBe(1)
    expect(Math.abs((r.entries()[0].actualUsd as number) - pricedLog())).toBeLessThan(1e-9)
  }, 180_000)

  it('exit 1 passes through (error_max_turns) and the run is still recorded', async () => {
    const r = start(['--monthly-credits', '100', ...GATE], [...CLAUDE_ARGS, '--max-turns', '1'])
    expect(await r.done).toBe(1)
    expect(r.entries()[0].status).toBe('settled')
    expect(Math.abs((r.entries()[0].actualUsd as number) - pricedLog())).toBeLessThan(1e-9)
  }, 180_000)

  it('SIGTERM mid-stream goes to Claude; what it spent so far is settled', async () => {
    // The second request is never answered: Claude is mid-run when the signal comes.
    fake.respond = i => (i >= 1 ? { hang: true } : {})
    const r = start(['--monthly-credits', '100', ...GATE], CLAUDE_ARGS)
    await r.shown(/"type":"assistant"/)
    r.child.kill('SIGTERM')
    const code = await r.done
    console.log(`SIGTERM: exit ${code}; ${fake.calls.length} answered call(s); ${r.out().stderr.trim()}`)
    expect(code === 143 || code === 1 || code === 0).toBe(true)
    const e = r.entries()[0]
    expect(e.status).toBe('settled')
    expect(fake.calls).toHaveLength(1)
    spentSoFar(e)
  }, 180_000)

  it('a child killed by SIGKILL exits 137, and what it spent is settled as partial', async () => {
    fake.respond = i => (i >= 1 ? { hang: true } : {})
    const r = start(['--monthly-credits', '100', ...GATE], CLAUDE_ARGS)
    await r.shown(/"type":"assistant"/)
    process.kill(r.claudePid(), 'SIGKILL')
    expect(await r.done).toBe(137)
    const e = r.entries()[0]
    expect(e).toMatchObject({ status: 'settled', subtype: 'partial' })
    spentSoFar(e)
  }, 180_000)

  it('a refused gate never starts Claude', async () => {
    const r = start(['--monthly-credits', '1', '--external-spend', '1', ...GATE], CLAUDE_ARGS)
    expect(await r.done).toBe(2)
    expect(r.claudeArgs()).toBeUndefined()
    expect(fake.calls).toHaveLength(0)
    expect(r.out().stdout).toBe('')
  }, 60_000)
})
