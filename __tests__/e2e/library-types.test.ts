/**
 * The library as an Agent SDK app uses it: the README's and docs/recipes.md's TypeScript examples and the
 * recipe file type-check against the library's entry and the real @anthropic-ai/claude-agent-sdk types
 * (its `query()` options and its result message), and a misuse does not.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'

const ROOT = resolve('.')
const OUT = join(ROOT, '.build/library-types')

/** The ```ts blocks of a markdown file that import the library. */
function examples(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)]
    .map(m => m[1])
    .filter(code => code.includes("from 'agent-credit-gate'"))
}

/** tsc's errors for each module (name → code) of an app that depends on this package and the SDK: one program. */
function diagnostics(modules: Record<string, string>): Map<string, string[]> {
  mkdirSync(OUT, { recursive: true })
  const files = Object.entries(modules).map(([name, code]) => {
    const file = join(OUT, `${name.replace(/\W+/g, '-')}.ts`)
    writeFileSync(file, code)
    return [name, file] as const
  })
  const program = ts.createProgram(
    files.map(([, f]) => f),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      types: ['node'],
      // The package's own name resolves to its library entry (package.json "exports" does it once built).
      baseUrl: ROOT,
      paths: { 'agent-credit-gate': ['src/entry/lib.ts'] }
    }
  )
  const all = ts.getPreEmitDiagnostics(program)
  return new Map(
    files.map(([name, file]) => [
      name,
      all
        .filter(d => d.file?.fileName === file)
        .map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    ])
  )
}

const MISUSE = `
import { query } from '@anthropic-ai/claude-agent-sdk'
import { gateRun } from 'agent-credit-gate'
const run = await gateRun({ inputs: { prompt: 'x' } })
for await (const m of query({ prompt: 'x', options: { maxBudgetUsd: String(run.maxBudgetUsd) } })) {
  if (m.type === 'assistant') await run.record(m)
}
`

describe('the library, typed against the real Agent SDK', () => {
  const blocks = [
    ...examples('README.md').map((code, i) => [`README.md block ${i + 1}`, code] as const),
    ...examples('docs/recipes.md').map((code, i) => [`docs/recipes.md block ${i + 1}`, code] as const),
    ['examples/recipes/agent-sdk-app.ts', readFileSync('examples/recipes/agent-sdk-app.ts', 'utf8')] as const
  ]

  it('has examples to check in README and docs/recipes.md', () => {
    expect(blocks.filter(([where]) => where.startsWith('README')).length).toBeGreaterThanOrEqual(1)
    expect(blocks.filter(([where]) => where.startsWith('docs/')).length).toBeGreaterThanOrEqual(1)
  })

  let errors: Map<string, string[]>
  beforeAll(() => {
    errors = diagnostics({ ...Object.fromEntries(blocks), misuse: MISUSE })
  }, 300_000)

  it.each(blocks.map(([where]) => where))('%s type-checks', where => {
    expect(errors.get(where)).toEqual([])
  })

  it('a misuse does not: the cap is a number, record takes a result message', () => {
    const found = errors.get('misuse') ?? []
    expect(found.some(e => /'string' is not assignable to type 'number'/.test(e))).toBe(true)
    expect(found.some(e => /not assignable to parameter of type 'ResultMessage'/.test(e))).toBe(true)
  })
})
