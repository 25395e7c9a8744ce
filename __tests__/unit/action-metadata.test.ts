import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUTS, OUTPUTS } from '../../src/config/inputs.js'

const action = parse(readFileSync('action.yml', 'utf8'))
const readme = readFileSync('README.md', 'utf8')

describe('action.yml', () => {
  it('runs on node24 with a post step that always runs', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main/index.js',
      post: 'dist/post/index.js',
      'post-if': 'always()'
    })
  })
  it('declares exactly the inputs the settings reader knows, with the same defaults', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS.map(i => i.name))
    for (const spec of INPUTS) {
      expect(action.inputs[spec.name].default).toBe(spec.default)
      expect(action.inputs[spec.name].description).toBe(spec.description)
    }
  })
  it('declares exactly the outputs the action sets', () => {
    expect(Object.keys(action.outputs)).toEqual(OUTPUTS.map(o => o.name))
  })
})

describe('README', () => {
  it('has a table row for every input and output', () => {
    for (const { name } of [...INPUTS, ...OUTPUTS])
      expect(readme).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'))
  })
})
