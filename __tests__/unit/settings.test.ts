import { describe, expect, it } from '@jest/globals'
import { parseSettings } from '../../src/config/parse.js'
import { InputError } from '../../src/errors.js'
import plans from '../../src/config/plans.json' with { type: 'json' }

describe('settings', () => {
  it('applies defaults from the inputs table', () => {
    const s = parseSettings({}, { GITHUB_REPOSITORY: 'acme/api' }, 'action')
    expect(s.estimate.model).toBe('sonnet')
    expect(s.budget.gateOn).toBe('p90')
    expect(s.ledger.location).toEqual({
      kind: 'github',
      owner: 'acme',
      repo: 'api',
      ref: 'refs/agent-credit-gate/ledger'
    })
    expect(plans.plans.pro.creditUsd).toBe(20)
  })
  it('names the input, the bad value and the fix', () => {
    expect(() => parseSettings({ 'monthly-credits': 'twenty' }, {}, 'cli')).toThrow(
      'monthly-credits: expected a positive number of USD from 0.01 to 10000000, e.g. 20, got "twenty"'
    )
  })
  it('takes a Claude Code version with or without a leading v, and names a bad one', () => {
    expect(parseSettings({ 'claude-version': 'v2.1.331' }, {}, 'cli').estimate.claudeVersion).toBe('2.1.331')
    expect(parseSettings({}, {}, 'cli').estimate.claudeVersion).toBeUndefined()
    expect(() => parseSettings({ 'claude-version': 'latest' }, {}, 'cli')).toThrow(
      'claude-version: expected a Claude Code version such as 2.1.331, got "latest"'
    )
  })
  it('reports every problem, one line each', () => {
    try {
      parseSettings(
        { 'max-turns': '0', 'gate-on': 'p99', 'github-token': 'ghp_secret', 'warn-at': 'x' },
        {},
        'cli'
      )
      throw new Error('no error')
    } catch (e) {
      expect(e).toBeInstanceOf(InputError)
      expect((e as InputError).problems).toHaveLength(3)
    }
  })
  it.each([
    ['comment', 'always', /^comment: expected one of update, off, on-change, got "always"$/],
    ['comment-tag', 'x-->', /^comment-tag: expected up to 64 letters, digits/],
    ['check-name', 'x'.repeat(101), /^check-name: expected a name of at most 100 characters/]
  ])('refuses the action-only input %s = %j with the fix', (name, value, message) => {
    expect(() => parseSettings({ [name]: value }, { GITHUB_REPOSITORY: 'acme/api' }, 'action')).toThrow(
      message
    )
  })
})
