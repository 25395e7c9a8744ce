import { describe, expect, it } from '@jest/globals'
import { parseCli as parse } from '../../src/cli/args.js'
import type { SettingsEnv } from '../../src/config/parse.js'

/** The invocation argv parses to (help text is a failure here). */
function parseCli(argv: string[], env: SettingsEnv) {
  const parsed = parse(argv, env)
  if (parsed.kind !== 'run') throw new Error(`printed help: ${parsed.text}`)
  return parsed.invocation
}

describe('CLI flags', () => {
  it('build the same settings as action inputs, with a local ledger file by default', () => {
    const { command, settings, flags } = parseCli(
      [
        'gate',
        '--model',
        'opus',
        '--max-turns',
        '5',
        '--context',
        'src/**/*.ts',
        '--context',
        'docs/*.md',
        '--json'
      ],
      {}
    )
    expect(command).toBe('gate')
    expect(settings.estimate.model).toBe('opus')
    expect(settings.estimate.maxTurns).toBe(5)
    expect(settings.estimate.contextFiles).toEqual(['src/**/*.ts', 'docs/*.md'])
    expect(settings.ledger.location).toEqual({ kind: 'file', path: '.agent-credit-gate/ledger.json' })
    expect(flags.json).toBe(true)
  })
  it('take --ledger github:OWNER/REPO and --run-id', () => {
    const { settings } = parseCli(['gate', '--ledger', 'github:acme/ops', '--run-id', '77'], {})
    expect(settings.ledger.location).toMatchObject({ kind: 'github', owner: 'acme', repo: 'ops' })
    expect(settings.job.runId).toBe('77')
  })
  it('name an unknown command and the fix', () => {
    expect(() => parseCli(['spend'], {})).toThrow('command: expected one of estimate, gate')
  })
  it('name an unknown flag', () => {
    expect(() => parseCli(['estimate', '--modle', 'x'], {})).toThrow(/--modle/)
  })
})

describe('CLI help', () => {
  const help = async (...argv: string[]) => {
    const { runCli } = await import('../support/cli.js')
    return runCli(argv, { cwd: process.cwd(), now: new Date('2026-11-24T12:00:00Z') })
  }
  it('`<command> --help` shows that command’s flags, and only those', async () => {
    const gate = await help('gate', '--help')
    expect(gate.code).toBe(0)
    expect(gate.out).toMatch(/Usage: agent-credit-gate gate \[flags\]/)
    expect(gate.out).toMatch(/--max-turns <value>/)
    expect(gate.out).toMatch(/--plan <value>/)
    expect(gate.out).not.toMatch(/--usage-file/)
    const record = await help('record', '--help')
    expect(record.out).toMatch(/--usage-file <value>/)
    expect(record.out).toMatch(/--run-id <id>/)
    expect(record.out).not.toMatch(/--max-turns/)
  })
  it('lists every command when run bare or with --help', async () => {
    const bare = await help()
    expect(bare.code).toBe(1)
    for (const c of ['estimate', 'gate', 'status', 'release', 'record', 'cost', 'tokens', 'report'])
      expect(bare.out).toMatch(new RegExp(`^  ${c} `, 'm'))
    expect((await help('--help')).code).toBe(0)
  })
})

describe('CLI arguments the shell changed', () => {
  it('takes every file of an unquoted --context glob the shell expanded, and says how to let it match subfolders', () => {
    const inv = parseCli(
      ['estimate', '--context', 'src/a.ts', 'src/b.ts', 'src/c.ts', '--model', 'haiku'],
      {}
    )
    expect(inv.settings.estimate.contextFiles).toEqual(['src/a.ts', 'src/b.ts', 'src/c.ts'])
    expect(inv.settings.estimate.model).toBe('haiku')
    expect(inv.notes).toEqual([
      expect.stringMatching(
        /^context-files: 3 paths came after one --context .*quote it: --context 'src\/\*\*\/\*\.ts'$/
      )
    ])
  })
  it('says nothing about a quoted glob', () => {
    expect(parseCli(['estimate', '--context', 'src/**/*.ts'], {}).notes).toEqual([])
  })
})

describe('GitHub token from the environment', () => {
  const token = (env: Record<string, string>, ...argv: string[]) =>
    parseCli(['status', '--ledger', 'github:acme/api', ...argv], env).settings.ledger.token
  it('reads GH_TOKEN, then GITHUB_TOKEN, as gh does', () => {
    expect(token({ GH_TOKEN: 'gh-one', GITHUB_TOKEN: 'gh-two' })).toBe('gh-one')
    expect(token({ GITHUB_TOKEN: 'gh-two' })).toBe('gh-two')
  })
  it('reads GH_ENTERPRISE_TOKEN, then GITHUB_ENTERPRISE_TOKEN, then GITHUB_TOKEN, for a GitHub Enterprise Server API', () => {
    const ghes = { GITHUB_API_URL: 'https://github.example.com/api/v3', GITHUB_TOKEN: 'the-job-token' }
    expect(token({ ...ghes, GH_ENTERPRISE_TOKEN: 'gh', GITHUB_ENTERPRISE_TOKEN: 'ghes' })).toBe('gh')
    expect(token({ ...ghes, GITHUB_ENTERPRISE_TOKEN: 'ghes' })).toBe('ghes')
    // Inside a GitHub Enterprise Server job, GITHUB_TOKEN is the token the runner hands the step.
    expect(token(ghes)).toBe('the-job-token')
    expect(token({ GITHUB_API_URL: 'https://github.example.com/api/v3', GH_TOKEN: 'dotcom' })).toBeUndefined()
  })
  it('lets a flag win over the environment', () => {
    expect(token({ GH_TOKEN: 'env' }, '--github-token', 'flag')).toBe('flag')
    expect(token({ GH_TOKEN: 'env' }, '--ledger-token', 'ledger')).toBe('ledger')
  })
})

describe('context files the shell expanded', () => {
  it('reads a file whose name has glob characters as that file (app/[id]/page.tsx)', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { gather } = await import('../../src/files/gather.js')
    const dir = mkdtempSync(join(tmpdir(), 'acg-glob-'))
    mkdirSync(join(dir, 'app', '[id]'), { recursive: true })
    writeFileSync(join(dir, 'app', '[id]', 'page.tsx'), 'export default function Page() {}\n')
    writeFileSync(join(dir, 'app', 'i.tsx'), 'not this one\n')
    const g = await gather({ prompt: 'x', contextFiles: ['app/[id]/page.tsx'] }, dir)
    expect(g.context.map(c => c.source)).toEqual([join('app', '[id]', 'page.tsx')])
  })
})

describe('a mistyped flag', () => {
  it('of another command is named too: record --maxturns says did you mean --max-turns', () => {
    expect(() => parseCli(['record', '--maxturns', '5'], {})).toThrow(
      /^--maxturns: not a flag of record; did you mean --max-turns\? \(agent-credit-gate record --help lists its flags\)$/
    )
  })
  it('far from every flag gets no guess', () => {
    expect(() => parseCli(['gate', '--zzzzzzzz', '5'], {})).toThrow(/^--zzzzzzzz: not a flag of gate \(/)
  })
})
