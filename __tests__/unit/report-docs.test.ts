import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runCli } from '../support/cli.js'
import { reportIn } from '../support/report-states.js'
import { tempDir } from '../support/temp-dirs.js'

const docs = readFileSync('docs/reports.md', 'utf8')

/** Dotted paths of an object's keys, two levels deep (arrays as `name[]`). */
function paths(value: unknown, prefix = '', depth = 0): string[] {
  if (depth > 1 || typeof value !== 'object' || value === null || Array.isArray(value)) return []
  return Object.entries(value).flatMap(([k, v]) => {
    const name = Array.isArray(v) ? `${k}[]` : k
    return [`${prefix}${name}`, ...paths(v, `${prefix}${k}.`, depth + 1)]
  })
}

describe('the JSON report', () => {
  it('has every field the estimate command prints documented in docs/reports.md', async () => {
    const dir = tempDir('docs')
    const { code, out } = await runCli(
      [
        'estimate',
        '--prompt-file',
        resolve('examples/prompts/review.md'),
        '--model',
        'sonnet',
        '--max-turns',
        '4',
        '--report-file',
        join(dir, 'report.json'),
        '--json'
      ],
      { cwd: dir, now: new Date() }
    )
    expect(code).toBe(0)
    const report = JSON.parse(out)
    // Named by its full path (`estimate.loop`) or, inside its parent's row, by its own name (`p50Usd`).
    const named = (p: string) => docs.includes(`\`${p}\``) || docs.includes(`\`${p.split('.').pop()}\``)
    const undocumented = paths(report).filter(p => !named(p))
    expect(undocumented).toEqual([])
  })

  it.each(['refused', 'settled'] as const)(
    'has every field of a %s report (budget, decision, ways out, actual) documented too',
    async state => {
      const report = await reportIn(state)
      const named = (p: string) => docs.includes(`\`${p}\``) || docs.includes(`\`${p.split('.').pop()}\``)
      expect(paths(report).filter(p => !named(p))).toEqual([])
    }
  )
})
