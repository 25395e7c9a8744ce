/**
 * The workflows users copy: every `with:` key given to anthropics/claude-code-action or
 * anthropics/claude-code-base-action (and to this action) in the README, docs and examples is an input
 * that action declares. A key it does not declare is silently ignored by the runner (a warning at most),
 * so the Claude step would run without it: that is how `prompt_file` left claude-code-action@v1 with no
 * prompt.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { parseAllDocuments } from 'yaml'
import { INPUTS } from '../../src/config/inputs.js'
import declared from '../../reference/claude-code-action-inputs.json' with { type: 'json' }

/** Inputs each action declares, by the `uses:` prefix that names it. */
const ACTIONS: Record<string, readonly string[]> = {
  'anthropics/claude-code-action@': declared['anthropics/claude-code-action'],
  'anthropics/claude-code-base-action@': declared['anthropics/claude-code-base-action'],
  'agent-credit-gate/agent-credit-gate@': INPUTS.map(i => i.name)
}

/** Every YAML text a user may copy: the examples, and the ```yaml blocks of the README and docs. */
function workflowTexts(): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = []
  for (const f of readdirSync('examples').filter(f => /\.ya?ml$/.test(f)))
    out.push({ where: `examples/${f}`, text: readFileSync(`examples/${f}`, 'utf8') })
  const markdown = [
    'README.md',
    ...readdirSync('docs')
      .filter(f => f.endsWith('.md'))
      .map(f => `docs/${f}`)
  ]
  for (const file of markdown) {
    const blocks = readFileSync(file, 'utf8').matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)
    for (const [, text] of blocks) out.push({ where: file, text })
  }
  return out
}

interface Step {
  uses: string
  with: Record<string, unknown>
}

/** Every mapping with a `uses:` string anywhere in a parsed document. */
function stepsIn(node: unknown, found: Step[] = []): Step[] {
  if (Array.isArray(node)) node.forEach(n => stepsIn(n, found))
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    if (typeof o.uses === 'string') found.push({ uses: o.uses, with: (o.with as Step['with']) ?? {} })
    Object.values(o).forEach(v => stepsIn(v, found))
  }
  return found
}

const texts = workflowTexts()
const steps = texts.flatMap(({ where, text }) =>
  parseAllDocuments(text).flatMap(doc => {
    if (doc.errors.length) throw new Error(`${where}: not YAML: ${doc.errors[0].message}`)
    return stepsIn(doc.toJS()).map(step => ({ where, step }))
  })
)

describe('workflows in the README, docs and examples', () => {
  it('hand Claude its prompt: claude-code-action steps are found and given prompt', () => {
    const claude = steps.filter(s => s.step.uses.startsWith('anthropics/claude-code-action@'))
    expect(claude.length).toBeGreaterThanOrEqual(2)
    for (const { where, step } of claude)
      expect({ where, prompt: typeof step.with.prompt }).toEqual({ where, prompt: 'string' })
  })
  it('give each action only the inputs it declares', () => {
    const unknown = steps.flatMap(({ where, step }) => {
      const prefix = Object.keys(ACTIONS).find(p => step.uses.startsWith(p))
      if (!prefix) return []
      return Object.keys(step.with)
        .filter(key => !ACTIONS[prefix].includes(key))
        .map(key => `${where}: ${step.uses} has no input ${key}`)
    })
    expect(unknown).toEqual([])
  })
  it('check against a vendored list that says where it came from', () => {
    expect(declared.about).toMatch(/commit [0-9a-f]{40}/)
    expect(declared['anthropics/claude-code-action']).toContain('prompt')
    expect(declared['anthropics/claude-code-action']).not.toContain('prompt_file')
  })
})
