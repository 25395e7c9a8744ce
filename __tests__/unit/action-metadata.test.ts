import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUTS, OUTPUTS } from '../../src/config/inputs.js'
import { PARSED_INPUTS, parseSettings } from '../../src/config/parse.js'

const action = parse(readFileSync('action.yml', 'utf8'))

describe('action.yml', () => {
  it('runs on node24 with a post step that always runs', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main/index.js',
      post: 'dist/post/index.js',
      'post-if': 'always()'
    })
  })
  it('declares the inputs and outputs of src/config/inputs.json, and the README tables match (npm run docs)', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS.map(i => i.name))
    expect(Object.keys(action.outputs)).toEqual(OUTPUTS.map(o => o.name))
    expect(execFileSync(process.execPath, ['scripts/docs.mjs', '--check'], { encoding: 'utf8' })).toContain(
      'up to date'
    )
  })
  it('has a parser for every declared input, and none for an input it does not declare', () => {
    expect([...PARSED_INPUTS].sort()).toEqual(INPUTS.map(i => i.name).sort())
    expect(() => parseSettings({ prompt: 'x', 'no-such-input': '1' }, {}, 'cli')).toThrow(
      'no-such-input: not a known input'
    )
  })
})
