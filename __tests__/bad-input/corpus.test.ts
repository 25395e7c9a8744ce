/**
 * Bad input corpus: every case must fail with one line that names the input and says what to write
 * instead, and must leave an existing ledger byte-for-byte as it was.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync, writeFileSync, mkdirSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../support/cli.js'
import { tempDir } from '../support/temp-dirs.js'

const dir = tempDir('bad')
const ledger = join(dir, 'ledger.json')
let before: Record<string, string>
const f = (name: string) => join(dir, name)

const run = (argv: string[]) => runCli(argv, { cwd: dir, now: new Date('2026-11-24T12:00:00Z') })

const snapshot = () =>
  Object.fromEntries(
    readdirSync(dir)
      .filter(f => f.startsWith('ledger.'))
      .map(f => [f, readFileSync(join(dir, f), 'utf8')])
  )

beforeAll(async () => {
  writeFileSync(join(dir, 'prompt.md'), 'Review the diff.')
  writeFileSync(join(dir, 'empty.md'), '   \n')
  writeFileSync(join(dir, 'binary.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]))
  writeFileSync(join(dir, 'not-claude.json'), '{"hello":"world"}')
  writeFileSync(join(dir, 'truncated.json'), '[{"type":"system","subtype":"init"},{"type":"assis')
  writeFileSync(
    join(dir, 'negative.json'),
    JSON.stringify({
      type: 'result',
      subtype: 'success',
      modelUsage: { 'claude-opus-5': { inputTokens: -10 } }
    })
  )
  writeFileSync(
    join(dir, 'giant.json'),
    JSON.stringify({
      type: 'result',
      subtype: 'success',
      modelUsage: { 'claude-opus-5': { inputTokens: 1e300 } }
    })
  )
  writeFileSync(join(dir, 'deep.json'), '['.repeat(5000) + ']'.repeat(5000))
  writeFileSync(
    join(dir, 'unknown-model.json'),
    JSON.stringify({
      type: 'result',
      subtype: 'success',
      modelUsage: { 'gpt-5': { inputTokens: 10, outputTokens: 1 } }
    })
  )
  writeFileSync(
    join(dir, 'prices-missing-rows.json'),
    JSON.stringify({
      asOf: '2026-12-01',
      source: 'x',
      models: [{ id: 'claude-x', prices: { input: 1, output: 2 } }]
    })
  )
  writeFileSync(
    join(dir, 'prices-bad-date.json'),
    JSON.stringify({ asOf: 'yesterday', source: 'x', models: [] })
  )
  writeFileSync(join(dir, 'prices-not-json.json'), 'asOf: 2026')
  writeFileSync(join(dir, 'bare-result.json'), '{"type":"result"}')
  writeFileSync(join(dir, 'prices-lines.json'), 'garbage\nmore garbage\n')
  writeFileSync(join(dir, 'not-a-report.json'), '{}')
  writeFileSync(join(dir, 'report-lines.json'), 'garbage\n')
  // A Messages API response logged without its usage (a client that dropped it).
  writeFileSync(
    join(dir, 'response-no-usage.jsonl'),
    '{"id":"msg_1","type":"message","model":"claude-haiku-4-5","content":[]}\n'
  )
  mkdirSync(join(dir, 'src'))
  writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 1\n')
  // 100 MB without writing 100 MB: a sparse file has the size and costs no disk or time.
  writeFileSync(join(dir, 'huge.md'), 'Review the diff.\n')
  truncateSync(join(dir, 'huge.md'), 100 * 1024 * 1024)
  // A glob as broad as node_modules: 2,500 files in 50 folders.
  for (let d = 0; d < 50; d++) {
    mkdirSync(join(dir, 'many', `d${d}`), { recursive: true })
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, 'many', `d${d}`, `f${i}.txt`), 'x')
  }
  const ok = await run([
    'gate',
    '--prompt-file',
    f('prompt.md'),
    '--ledger',
    `file:${ledger}`,
    '--run-id',
    'seed'
  ])
  expect(ok.code).toBe(0)
  before = snapshot()
  expect(Object.keys(before)).toEqual(['ledger.2026-11-01.json'])
})

const gate = (...args: string[]) => [
  'gate',
  '--prompt-file',
  f('prompt.md'),
  '--ledger',
  `file:${ledger}`,
  ...args
]

// [case, argv, the input the error must name, words of the fix]
const cases: Array<[string, string[], string, RegExp]> = [
  ['a negative value after a space', gate('--max-turns', '-3'), 'max-turns', /from 1 to 10000, got "-3"/],
  ['max-turns zero', gate('--max-turns', '0'), 'max-turns', /whole number of turns from 1/],
  ['max-turns words', gate('--max-turns', 'ten'), 'max-turns', /got "ten"/],
  ['max-turns fraction', gate('--max-turns', '2.5'), 'max-turns', /whole number/],
  ['max-turns huge', gate('--max-turns', '1e9'), 'max-turns', /to 10000/],
  ['max-turns negative', gate('--max-turns=-3'), 'max-turns', /from 1/],
  [
    'expected-turns over max',
    gate('--max-turns', '3', '--expected-turns', '5'),
    'expected-turns',
    /must not exceed max-turns/
  ],
  ['expected-turns zero', gate('--expected-turns', '0'), 'expected-turns', /from 1/],
  ['growth-per-turn negative', gate('--growth-per-turn=-1'), 'growth-per-turn', /tokens from 0/],
  ['growth-per-turn text', gate('--growth-per-turn', 'lots'), 'growth-per-turn', /whole number of tokens/],
  ['output-per-turn huge', gate('--output-per-turn', '999999999'), 'output-per-turn', /to 200000/],
  ['cache-ttl unknown', gate('--cache-ttl', '10m'), 'cache-ttl', /one of auto, 5m, 1h, off/],
  ['cache-hit-rate percent', gate('--cache-hit-rate', '95'), 'cache-hit-rate', /share from 0 to 1/],
  ['cache-hit-rate negative', gate('--cache-hit-rate=-0.1'), 'cache-hit-rate', /from 0 to 1/],
  ['auth unknown', gate('--auth', 'oauth'), 'auth', /one of subscription, api-key/],
  ['agent unknown', gate('--agent', 'cursor'), 'agent', /one of claude-code, none/],
  ['history-runs negative', gate('--history-runs=-1'), 'history-runs', /from 0 to 1000/],
  ['plan unknown', gate('--plan', 'ultra'), 'plan', /one of pro, max, max-5x, team, enterprise/],
  ['monthly-credits words', gate('--monthly-credits', 'twenty'), 'monthly-credits', /positive number of USD/],
  ['monthly-credits zero', gate('--monthly-credits', '0'), 'monthly-credits', /positive number/],
  ['monthly-credits negative', gate('--monthly-credits=-20'), 'monthly-credits', /positive number/],
  ['monthly-credits with $', gate('--monthly-credits', '$20'), 'monthly-credits', /e\.g\. 20/],
  [
    'monthly-credits past the range',
    gate('--monthly-credits', '1e8'),
    'monthly-credits',
    /from 0\.01 to 10000000, e\.g\. 20, got "1e8"/
  ],
  ['billing-cycle-day 0', gate('--billing-cycle-day', '0'), 'billing-cycle-day', /from 1 to 31/],
  ['billing-cycle-day 32', gate('--billing-cycle-day', '32'), 'billing-cycle-day', /from 1 to 31/],
  ['billing-cycle-day text', gate('--billing-cycle-day', 'monday'), 'billing-cycle-day', /day of the month/],
  ['overage words', gate('--overage', 'on'), 'overage', /off or a USD cap/],
  ['overage negative', gate('--overage=-5'), 'overage', /USD cap/],
  ['external-spend negative', gate('--external-spend=-1'), 'external-spend', /from 0 up/],
  ['warn-at zero', gate('--warn-at', '0'), 'warn-at', /percent from 1 to 100/],
  ['warn-at over 100', gate('--warn-at', '150'), 'warn-at', /1 to 100/],
  ['gate-on unknown', gate('--gate-on', 'p99'), 'gate-on', /one of p50, p90, max/],
  ['on-exhaust unknown', gate('--on-exhaust', 'ignore'), 'on-exhaust', /one of fail, warn, skip/],
  [
    'ledger scheme unknown',
    ['gate', '--prompt', 'x', '--ledger', 's3://bucket'],
    'ledger',
    /github, github:OWNER\/REPO, file:PATH, postgres or postgres:NAME/
  ],
  [
    'ledger-repository bad',
    ['gate', '--prompt', 'x', '--ledger', 'github', '--ledger-repository', 'not a repo'],
    'ledger-repository',
    /owner\/name/
  ],
  ['ledger-ref without refs/', gate('--ledger-ref', 'ledger'), 'ledger-ref', /full ref such as refs\//],
  ['ledger-ref with ..', gate('--ledger-ref', 'refs/a/../b'), 'ledger-ref', /full ref/],
  [
    'github ledger without a token',
    ['gate', '--prompt', 'x', '--ledger', 'github:acme/api'],
    'ledger-token',
    /needs a token with contents: write/
  ],
  [
    'github ledger without a repository',
    ['gate', '--prompt', 'x', '--ledger', 'github'],
    'ledger',
    /set ledger-repository/
  ],
  ['hold-hours zero', gate('--hold-hours', '0'), 'hold-hours', /hours from 0\.1/],
  ['on-ledger-error unknown', gate('--on-ledger-error', 'retry'), 'on-ledger-error', /one of fail, warn/],
  // The CLI posts no comment or check run: those inputs are the action's (their values: settings.test.ts).
  ['an action-only input', gate('--comment', 'always'), 'comment', /an input of the action only .*; drop it/],
  ['a typo of a flag', gate('--maxturns', '5'), 'maxturns', /did you mean --max-turns\?/],
  [
    'a flag of another command',
    ['record', '--usage-file', f('not-claude.json'), '--max-turns', '5'],
    'max-turns',
    /not a flag of record: it matters only to estimate, gate/
  ],
  [
    'an unquoted glob after a one-value flag',
    ['gate', '--prompt-file', f('prompt.md'), f('empty.md'), '--ledger', `file:${ledger}`],
    'prompt-file',
    /unexpected value .* after --prompt-file, which takes one value; quote a glob/
  ],
  [
    'a ledger file in a folder that does not exist',
    gate('--ledger', `file:${join(dir, 'ledgr', 'ledger.json')}`),
    'ledger',
    /does not exist; a new folder would start a new, empty account/
  ],
  [
    'record of a run that holds nothing',
    ['record', '--usage-file', f('not-claude.json'), '--ledger', `file:${ledger}`, '--run-id', 'sead'],
    'run-id',
    /nothing in the ledger is held under run sead, so there is nothing to settle .*live holds: run seed/
  ],
  [
    'release of a run that holds nothing',
    ['release', '--ledger', `file:${ledger}`, '--key', 'seed/1/local%2Flocal/local/local/gatee'],
    'key',
    /nothing in the ledger is held under key .*; live holds: run seed gate/
  ],
  ['unknown model', gate('--model', 'claude-sonet-4-5'), 'model', /nearest known: claude-sonnet-4-5/],
  ['empty model', gate('--model', ' '), 'model', /model id or alias/],
  ['both prompt and prompt-file', gate('--prompt', 'x'), 'prompt-file', /either prompt or prompt-file/],
  ['no prompt at all', ['gate', '--ledger', `file:${ledger}`], 'prompt', /set prompt or prompt-file/],
  [
    'missing prompt file',
    ['gate', '--prompt-file', f('nope.md'), '--ledger', `file:${ledger}`],
    'prompt-file',
    /no such file/
  ],
  [
    'empty prompt file',
    ['gate', '--prompt-file', f('empty.md'), '--ledger', `file:${ledger}`],
    'prompt-file',
    /is empty/
  ],
  [
    'binary prompt file',
    ['gate', '--prompt-file', f('binary.bin'), '--ledger', `file:${ledger}`],
    'prompt-file',
    /binary file/
  ],
  [
    'prompt file is a folder',
    ['gate', '--prompt-file', f('src'), '--ledger', `file:${ledger}`],
    'prompt-file',
    /not a file/
  ],
  ['glob matching nothing', gate('--context', 'nothing/**/*.py'), 'context-files', /matched no files/],
  [
    'glob matching thousands of files',
    gate('--context', 'many/**/*.txt'),
    'context-files',
    /matched 2500 files, over 2000; narrow the patterns/
  ],
  [
    'a 100 MB prompt file',
    ['gate', '--prompt-file', f('huge.md'), '--ledger', `file:${ledger}`],
    'prompt-file',
    /is 100\.0 MB, over the 20 MB limit; point at the text the agent really loads/
  ],
  ['missing pricing file', gate('--pricing-file', f('nope.json')), 'pricing-file', /no such file/],
  [
    'pricing file with missing rows',
    gate('--pricing-file', f('prices-missing-rows.json')),
    'pricing-file',
    /models\[0\]\.prices\.cacheWrite5m/
  ],
  [
    'pricing file with a bad date',
    gate('--pricing-file', f('prices-bad-date.json')),
    'pricing-file',
    /asOf: expected the date/
  ],
  ['pricing file not JSON', gate('--pricing-file', f('prices-not-json.json')), 'pricing-file', /not JSON/],
  ['unknown flag', ['gate', '--prompt', 'x', '--budget', '5'], 'budget', /--help/],
  [
    'a flag taken as the value of the flag before it',
    ['estimate', '--prompt-file', '--json'],
    'prompt-file',
    /--prompt-file needs a value, but the next word is the flag --json/
  ],
  [
    'a flag and its value taken for the flag before it',
    ['estimate', '--prompt-file', '--model', 'haiku'],
    'prompt-file',
    /--prompt-file needs a value, but the next word is the flag --model/
  ],
  [
    // Checked before the gate: found after it, the hold would stay in the ledger behind the error.
    'a gate whose report file is a folder',
    gate('--report-file', dir),
    'report-file',
    /cannot write ".*" \(it is a folder\); give a file path/
  ],
  [
    'a pricing file of several lines that is not JSON',
    gate('--pricing-file', f('prices-lines.json')),
    'pricing-file',
    /not JSON; fix the file/
  ],
  [
    'a report file that is not JSON',
    ['report', '--report-file', f('report-lines.json')],
    'report-file',
    /is not JSON; give the file a gate wrote with --report-file/
  ],
  [
    'a report file that is JSON but not a report',
    ['report', '--report-file', f('not-a-report.json')],
    'report-file',
    /is not an agent-credit-gate report/
  ],
  [
    'a Messages API response without its usage',
    ['cost', '--usage-file', f('response-no-usage.jsonl')],
    'usage-file',
    /line 1 has a bad usage/
  ],
  [
    'a connection string where the ledger name goes',
    ['status', '--ledger', 'postgres://u:secretpw@127.0.0.1:1/db'],
    'ledger',
    /not a connection string; give the URL in ledger-url/
  ],
  [
    'a copy from a file ledger that does not exist',
    ['ledger', 'copy', '--from', `file:${f('no-such-ledger.json')}`, '--to', `file:${f('copy.json')}`],
    'from',
    /holds no cycle of a ledger, so there is nothing to copy; check the path/
  ],
  [
    'a copy onto itself',
    ['ledger', 'copy', '--from', `file:${ledger}`, '--to', `file:${ledger}`],
    'to',
    /--from and --to name the same ledger/
  ],
  [
    'a report file that is a folder',
    ['estimate', '--prompt-file', f('prompt.md'), '--report-file', dir],
    'report-file',
    /cannot write ".*" \(it is a folder\); give a file path/
  ],
  [
    'a usage file that is a folder',
    ['cost', '--usage-file', dir],
    'usage-file',
    /\(it is a folder\); give a file path/
  ],
  [
    'cost of a result with nothing to price',
    ['cost', '--usage-file', f('bare-result.json')],
    'usage-file',
    /no usage, no modelUsage and no total_cost_usd, so there is nothing to price \(not \$0/
  ],
  ['unknown command', ['spend'], 'command', /one of estimate, gate/],
  ['report format unknown', ['report', '--format', 'html'], 'format', /markdown or json/],
  [
    'record without a key',
    ['record', '--usage-file', f('not-claude.json'), '--ledger', `file:${ledger}`],
    'key',
    /--key K/
  ],
  ['release without a key', ['release', '--ledger', `file:${ledger}`], 'key', /--key K/],
  ['cost of a missing file', ['cost', '--usage-file', f('nope.json')], 'usage-file', /no such file/],
  [
    'cost of a non-Claude file',
    ['cost', '--usage-file', f('not-claude.json')],
    'usage-file',
    /not Claude output/
  ],
  [
    'cost of a truncated file',
    ['cost', '--usage-file', f('truncated.json')],
    'usage-file',
    /truncated or broken/
  ],
  ['cost with negative tokens', ['cost', '--usage-file', f('negative.json')], 'usage-file', /inputTokens/],
  ['cost with giant numbers', ['cost', '--usage-file', f('giant.json')], 'usage-file', /inputTokens/],
  ['cost of a deeply nested file', ['cost', '--usage-file', f('deep.json')], 'usage-file', /nests deeper/],
  [
    'cost with an unknown model',
    ['cost', '--usage-file', f('unknown-model.json')],
    'model',
    /unknown model "gpt-5"/
  ]
]

describe('bad input', () => {
  it(`has at least 50 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(50))
  it.each(cases)(
    '%s: one line naming the input and the fix, ledger unchanged',
    async (_name, argv, input, fix) => {
      const { code, err } = await run(argv)
      expect(code).toBe(1)
      const lines = err.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        new RegExp(`^agent-credit-gate: ${input.replace(/[-/]/g, '\\$&')}\\b|--${input}\\b`)
      )
      expect(lines[0]).toMatch(fix)
      expect(snapshot()).toEqual(before)
    }
  )
})

describe('a connection string with its password, in the wrong place or malformed', () => {
  const SECRET = 'secretpw'
  it.each([
    ['as --ledger', ['status', '--ledger', `postgres://u:${SECRET}@127.0.0.1:1/db`], {}],
    [
      'as ledger copy --to',
      ['ledger', 'copy', '--from', `file:${ledger}`, '--to', `postgresql://u:${SECRET}@db.example.com/db`],
      {}
    ],
    [
      'with a port that is not a number',
      ['status', '--ledger', 'postgres'],
      { AGENT_CREDIT_GATE_DATABASE_URL: `postgres://u:${SECRET}@127.0.0.1:notaport/db` }
    ]
  ])('%s: one line, never the password, ledger unchanged', async (_what, argv, env) => {
    const r = await runCli(argv, { cwd: dir, now: new Date('2026-11-24T12:00:00Z'), env })
    expect(r.code).toBe(1)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toMatch(/^agent-credit-gate: ledger(-url)?: expected /)
    expect(r.err + r.out).not.toContain(SECRET)
    expect(snapshot()).toEqual(before)
  })
  it('with no host in the URL (the host and port as parameters): the message names them, never the password', async () => {
    const r = await runCli(['status', '--ledger', 'postgres'], {
      cwd: dir,
      now: new Date('2026-11-24T12:00:00Z'),
      env: {
        AGENT_CREDIT_GATE_DATABASE_URL: `postgres://u:${SECRET}@/db?host=127.0.0.1&port=1&sslmode=disable`
      }
    })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      /^agent-credit-gate: ledger: postgres ledger postgres:\/\/127\.0\.0\.1:1\/db \(default\): cannot connect \(ECONNREFUSED\)/
    )
    expect(r.err + r.out).not.toContain(SECRET)
  })
})
