/**
 * The PR comment and the job summary of the four states a developer meets — pass, warn, refused,
 * settled — rendered as GitHub renders them (GFM + Mermaid 11 in headless Chromium) and checked: every
 * Mermaid chart parses and draws, every table renders as a table, no markup shows through. Screenshots
 * go to .build/screenshots/ (SCREENSHOTS=docs/img to refresh the ones docs/reports.md shows).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../support/temp-dirs.js'
import { LIMITED, REPORT_STATES, reportIn } from '../support/report-states.js'
import { browserMissing, GitHubView, markdownTableCount } from '../support/browser.js'
import { commentMarker, renderReport } from '../../src/report/markdown.js'

const missing = browserMissing()
const out = join(process.cwd(), process.env.SCREENSHOTS ?? '.build/screenshots')

if (missing) {
  // CI installs chromium (.ci/run), so there a missing browser is a failure, never a quiet skip.
  if (process.env.CI) throw new Error(`browser test: ${missing}`)
  console.warn(`browser test skipped: ${missing}`)
}

;(missing ? describe.skip : describe).each([...REPORT_STATES, LIMITED])(
  'the %s report, seen in a browser',
  state => {
    let view: GitHubView
    beforeAll(async () => {
      mkdirSync(out, { recursive: true })
      view = await new GitHubView().start()
    })
    afterAll(async () => view?.stop())

    for (const variant of ['comment', 'summary'] as const) {
      it(`renders its ${variant} with every chart drawn and every table a table`, async () => {
        const report = await reportIn(state)
        const md = renderReport(report, {
          variant,
          marker: variant === 'comment' ? commentMarker('default') : undefined,
          runUrl: 'https://github.com/acme/api/actions/runs/9001'
        })
        const seen = await view.show(`${state}-${variant}`, md, join(out, `${state}-${variant}.png`))
        expect(seen.mermaidErrors).toEqual([])
        expect(seen.mermaidCharts).toBe(1)
        expect(seen.tables).toBe(markdownTableCount(md))
        expect(seen.tableLikeText).toEqual([])
        expect(seen.leakedMarkup).toEqual([])
      })
    }
  }
)

describe('the browser check itself', () => {
  const run = missing ? it.skip : it
  run('fails on a Mermaid parse error and on a table GitHub would show as text', async () => {
    const view = await new GitHubView().start()
    try {
      const broken = [
        '```mermaid\nxychart-beta\n  x-axis [a, b\n  bar [1, 2]\n```',
        '| a | b |\n| --- | --- | --- |\n| 1 | 2 |',
        '**bold that never closes'
      ].join('\n\n')
      const seen = await view.show('broken', broken, join(tempDir('broken-report'), 'report.png'))
      expect(seen.mermaidErrors).toHaveLength(1)
      expect(seen.tables).toBe(0)
      expect(seen.tableLikeText).toHaveLength(1)
      expect(seen.leakedMarkup).toHaveLength(1)
    } finally {
      await view.stop()
    }
  })
})
