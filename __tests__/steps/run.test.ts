/**
 * `agent-credit-gate run -- <command>` as a user runs it, with a fake `claude` that replays real
 * recorded streams: the stream passes through byte for byte, the cap is handed over, the run settles to
 * the stream's own total_cost_usd, and the exit code is the command's. A refused gate never starts it;
 * a command that cannot start holds nothing; a run cut off mid-stream is recorded as partial.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { nodeProcesses } from '../../src/cli/child.js'
import { tempDir } from '../support/temp-dirs.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const FAKE_DIR = join(process.cwd(), '__tests__/support/fake-claude')
const STREAMS = join(process.cwd(), '__tests__/fixtures/real-runs-jobs')
const stream = (name: string) => join(STREAMS, `${name}.stream.jsonl`)
const ALL = readdirSync(STREAMS)
  .filter(f => f.endsWith('.stream.jsonl'))
  .map(f => f.replace('.stream.jsonl', ''))
const SMALL = 'tielec-38-00rev-00c10b3__sonnet-4-5__2t'
const GATE = ['--prompt', 'Review the diff.', '--model', 'sonnet', '--agent', 'none', '--max-turns', '3']
/** `run` on a month of $100 credits, up to the `--` its command follows. */
const FUNDED = ['run', '--monthly-credits', '100', ...GATE, '--']

/** The stream's own figure: the last result message's total_cost_usd. */
function totalOf(text: string): number {
  const results = text
    .trim()
    .split('\n')
    .map(l => JSON.parse(l))
    .filter(m => m.type === 'result')
  return results[results.length - 1].total_cost_usd
}

/** `agent-credit-gate run …` in a fresh folder with the fake claude first on PATH. */
async function run(argv: string[], fake: Record<string, string> = {}) {
  const dir = tempDir('run')
  const seen = join(dir, 'seen.txt')
  const env = {
    PATH: `${FAKE_DIR}:${process.env.PATH}`,
    FAKE_CLAUDE_SEEN: seen,
    FAKE_CLAUDE_STREAM: stream(SMALL),
    ...fake
  }
  const stdout: Buffer[] = []
  let err = ''
  /** stderr lines and stdout chunks in the order they came: what a terminal shows. */
  const order: string[] = []
  const [command, ...rest] = argv
  const code = await main([command, '--ledger', `file:${join(dir, 'ledger.json')}`, ...rest], {
    out: () => undefined,
    err: t => {
      err += `${t}\n`
      order.push(`err ${t}`)
    },
    stdin: async () => '',
    env,
    cwd: dir,
    now: () => NOW,
    processes: nodeProcesses(env, dir, c => {
      stdout.push(c)
      order.push('out')
    })
  })
  const ledgerFiles = readdirSync(dir).filter(f => /^ledger\..+\.json$/.test(f))
  const entries = ledgerFiles.flatMap(f => {
    try {
      return JSON.parse(readFileSync(join(dir, f), 'utf8')).entries as Array<Record<string, unknown>>
    } catch {
      return [] // a ledger a test broke on purpose
    }
  })
  return {
    code,
    err,
    order,
    dir,
    stdout: Buffer.concat(stdout),
    entries,
    seen: existsSync(seen) ? readFileSync(seen, 'utf8').split('\n') : undefined
  }
}

describe('run -- claude, replaying real streams', () => {
  it.each(ALL)(
    '%s: passes the stream through untouched and settles to its own total_cost_usd',
    async name => {
      const text = readFileSync(stream(name), 'utf8')
      const r = await run([...FUNDED, 'claude', '-p', 'go', '--output-format', 'stream-json'], {
        FAKE_CLAUDE_STREAM: stream(name)
      })
      expect(r.code).toBe(0)
      expect(r.stdout.equals(readFileSync(stream(name)))).toBe(true)
      expect(r.entries).toHaveLength(1)
      expect(r.entries[0].status).toBe('settled')
      const e = r.entries[0]
      expect(e.claudeReportedUsd).toBe(totalOf(text))
      if (/"ephemeral_1h_input_tokens":[1-9]/.test(text)) {
        // Claude Code 2.0.21 priced 1-hour writes at the 5-minute rate: we record the right figure, and say so.
        expect(e.actualUsd as number).toBeGreaterThan(totalOf(text))
        expect(r.err).toMatch(
          /this CLI priced 1-hour cache writes at the 5-minute rate; we record our figure/
        )
      } else expect(Math.abs((e.actualUsd as number) - totalOf(text))).toBeLessThan(1e-6)
      expect(r.err).toMatch(/recorded: run local-\S+ gate: actual \$/)
    }
  )

  it('appends the cap as --max-budget-usd and hands cap, hold and run key to the environment', async () => {
    const r = await run([...FUNDED, 'claude', '-p', 'go'])
    const cap = r.seen?.find(l => l.startsWith('env AGENT_CREDIT_GATE_MAX_BUDGET_USD='))?.split('=')[1]
    expect(Number(cap)).toBeGreaterThan(0)
    const args = r.seen?.filter(l => l.startsWith('arg ')).map(l => l.slice(4))
    expect(args).toEqual(['-p', 'go', '--max-budget-usd', cap])
    expect(r.seen).toContain(`env AGENT_CREDIT_GATE_RUN_KEY=${r.entries[0].key}`)
    expect(
      Number(r.seen?.find(l => l.startsWith('env AGENT_CREDIT_GATE_HOLD_USD='))?.split('=')[1])
    ).toBeCloseTo(r.entries[0].holdUsd as number, 6)
  })

  it("keeps the command's own --max-budget-usd when it is smaller, and lowers it to the cap when it is larger", async () => {
    const small = await run([...FUNDED, 'claude', '--max-budget-usd', '0.000001'])
    expect(small.seen?.filter(l => l.startsWith('arg '))).toEqual(['arg --max-budget-usd', 'arg 0.000001'])
    const large = await run([...FUNDED, 'claude', '--max-budget-usd=999'])
    const cap = large.seen?.find(l => l.startsWith('env AGENT_CREDIT_GATE_MAX_BUDGET_USD='))?.split('=')[1]
    expect(large.seen?.filter(l => l.startsWith('arg '))).toEqual([`arg --max-budget-usd=${cap}`])
    expect(large.err).toMatch(/own --max-budget-usd 999 is above the gate's cap: lowered/)
  })

  it('says the hold and the cap before the command starts, and not again after it ends', async () => {
    const r = await run([...FUNDED, 'claude', '-p', 'go', '--output-format', 'stream-json'])
    const holding = r.order.findIndex(l =>
      /^err agent-credit-gate: Pass: holding \$\S+, cap \$\S+; running claude$/.test(l)
    )
    expect(holding).toBeGreaterThanOrEqual(0)
    expect(r.order.indexOf('out')).toBeGreaterThan(holding)
    expect(r.err.match(/Pass: holding/g)).toHaveLength(1)
    expect(r.err).toMatch(/recorded: run local-\S+ gate: actual \$/)
  })

  it('holds every --max-budget-usd the command gives to the cap: Claude takes the last one', async () => {
    const r = await run([...FUNDED, 'claude', '--max-budget-usd=0.000001', '--max-budget-usd', '999'])
    const cap = r.seen?.find(l => l.startsWith('env AGENT_CREDIT_GATE_MAX_BUDGET_USD='))?.split('=')[1]
    expect(r.seen?.filter(l => l.startsWith('arg '))).toEqual([
      'arg --max-budget-usd=0.000001',
      'arg --max-budget-usd',
      `arg ${cap}`
    ])
    expect(r.err).toMatch(/own --max-budget-usd 999 is above the gate's cap: lowered/)
  })

  it("exits with the command's own code, and still records what it spent", async () => {
    const r = await run([...FUNDED, 'claude', '-p', 'go'], {
      FAKE_CLAUDE_EXIT: '1'
    })
    expect(r.code).toBe(1)
    expect(r.entries[0].status).toBe('settled')
  })
})

describe('run refused, or unable to start', () => {
  /** `run … -- claude` with the month's credits already spent elsewhere. */
  const runExhausted = (onExhaust: 'fail' | 'skip') => {
    const spent = ['--monthly-credits', '1', '--external-spend', '1']
    return run(['run', ...spent, '--on-exhaust', onExhaust, ...GATE, '--', 'claude'])
  }

  it('on-exhaust fail: exits 2 and never starts the command', async () => {
    const r = await runExhausted('fail')
    expect(r.code).toBe(2)
    expect(r.seen).toBeUndefined()
    expect(r.stdout.length).toBe(0)
    expect(r.err).toMatch(/claude was not started \(on-exhaust: fail\)/)
  })

  it('on-exhaust skip: exits 0 without starting the command, and says so on stderr', async () => {
    const r = await runExhausted('skip')
    expect(r.code).toBe(0)
    expect(r.seen).toBeUndefined()
    expect(r.err).toMatch(/Skipped: over budget: .*claude was not started \(on-exhaust: skip\)/)
  })

  it('a command that is not found fails before anything is held', async () => {
    const r = await run([...FUNDED, 'no-such-agent-xyz', '-p'])
    expect(r.code).toBe(1)
    expect(r.err).toBe(
      'agent-credit-gate: command: "no-such-agent-xyz" was not found on PATH (nothing was held); install it or give its path\n'
    )
    expect(r.entries).toEqual([])
  })

  it.each([
    [
      'a folder',
      (dir: string) => dir,
      /is a folder, not a program \(nothing was held\); give the path of the program to run/
    ],
    [
      'a file without execute permission',
      (dir: string) => {
        writeFileSync(join(dir, 'agent.sh'), 'echo hi\n', { mode: 0o644 })
        return join(dir, 'agent.sh')
      },
      /is not executable \(nothing was held\); chmod \+x/
    ]
  ])('a command path that is %s says so, and holds nothing', async (_what, path, words) => {
    const dir = tempDir('run-path')
    const r = await run([...FUNDED, path(dir)])
    expect(r.code).toBe(1)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toMatch(words)
    expect(r.entries).toEqual([])
  })

  it.each(['report-file', 'usage-file'])(
    'a --%s that is a folder fails before anything is held or started',
    async flag => {
      const folder = tempDir('run-folder')
      const r = await run(['run', '--monthly-credits', '100', `--${flag}`, folder, ...GATE, '--', 'claude'])
      expect(r.code).toBe(1)
      expect(r.err).toBe(
        `agent-credit-gate: ${flag}: cannot write ${JSON.stringify(folder)} (it is a folder); give a file path\n`
      )
      expect(r.seen).toBeUndefined()
      expect(r.entries).toEqual([])
    }
  )

  it("gates with gate's limits: over --max-daily-usd, the command is not started", async () => {
    const r = await run([
      'run',
      '--monthly-credits',
      '100',
      '--max-daily-usd',
      '0.000001',
      ...GATE,
      '--',
      'claude'
    ])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/over max-daily-usd.*claude was not started \(on-exhaust: fail\)/)
    expect(r.seen).toBeUndefined()
  })

  it('reads the alert webhook from the environment, as gate does, and never prints it', async () => {
    const r = await run([...FUNDED, 'claude'], { AGENT_CREDIT_GATE_ALERT_WEBHOOK: 'hooks-secret-123' })
    expect(r.code).toBe(1)
    expect(r.err).toBe(
      'agent-credit-gate: alert-webhook: expected an http(s) webhook URL, got the value given (hidden)\n'
    )
    expect(r.entries).toEqual([])
  })

  it('no command after -- is one line saying how to give one', async () => {
    const r = await run(['run', '--monthly-credits', '100', ...GATE])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^agent-credit-gate: command: run needs a command after --/)
  })
})

describe('run ended early', () => {
  it('a command ended by SIGTERM mid-stream exits 143 and is recorded as partial, priced from the responses it showed', async () => {
    const r = await run([...FUNDED, 'claude', '-p', 'go'], {
      FAKE_CLAUDE_STREAM: stream('tielec-25-06exe-e411666__sonnet-4-5__21t'),
      FAKE_CLAUDE_DIE_AFTER: '12'
    })
    expect(r.code).toBe(143)
    const e = r.entries[0]
    expect(e.status).toBe('settled')
    expect(e.subtype).toBe('partial')
    expect(e.unverified).toBeUndefined()
    expect(e.actualUsd as number).toBeGreaterThan(0)
    expect(e.actualUsd as number).toBeLessThan(
      totalOf(readFileSync(stream('tielec-25-06exe-e411666__sonnet-4-5__21t'), 'utf8'))
    )
    expect(r.err).toMatch(/claude was ended by SIGTERM \(exit 143\)/)
    expect(r.err).toMatch(/recorded as partial, priced from the \d+ API responses it showed: side calls/)
  })

  it('a command that made no request has its hold released', async () => {
    const dir = tempDir('run-s')
    writeFileSync(join(dir, 'init.jsonl'), readFileSync(stream(SMALL), 'utf8').split('\n')[0] + '\n')
    const r = await run([...FUNDED, 'claude', '-p', 'go'], {
      FAKE_CLAUDE_STREAM: join(dir, 'init.jsonl'),
      FAKE_CLAUDE_EXIT: '1'
    })
    expect(r.code).toBe(1)
    expect(r.entries[0].status).toBe('released')
    expect(r.err).toMatch(/claude made no API request: its hold of \$\S+ was released/)
  })

  it("a ledger error at record time warns, keeps the hold as spent and exits with the command's code", async () => {
    const r = await run([
      ...FUNDED,
      'sh',
      '-c',
      'cat "$FAKE_CLAUDE_STREAM"; for f in ledger.*.json; do echo broken > "$f"; done; exit 3'
    ])
    expect(r.code).toBe(3)
    expect(r.err).toMatch(
      /agent-credit-gate: warning: ledger: .*the hold stays counted as spent until it expires/
    )
  })
})
