import { describe, expect, it } from '@jest/globals'
import { parseCli } from '../../src/cli/args.js'

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
