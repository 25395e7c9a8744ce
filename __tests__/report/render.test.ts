import { describe, expect, it } from '@jest/globals'
import { renderReport, commentMarker, LIMITS } from '../../src/report/markdown.js'
import { checkConclusion, statusDescription, checkTitle } from '../../src/report/status.js'
import { annotationsFor, findStepLine } from '../../src/report/annotations.js'
import { escapeMarkdown } from '../../src/report/escape.js'
import { buildEstimate } from '../../src/estimate/report.js'
import { parseSettings } from '../../src/config/parse.js'
import { builtInTable, resolveModel } from '../../src/pricing/table.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { creditFor } from '../../src/budget/credit.js'
import { budgetState, decide, runway } from '../../src/budget/decide.js'
import type { GateReport } from '../../src/report/types.js'
import type { OnExhaust } from '../../src/config/settings.js'

const now = new Date('2026-11-24T12:00:00Z')
const table = builtInTable()

function report(
  opts: { settled: number; onExhaust?: OnExhaust; notices?: string[]; workflow?: string } = { settled: 0 }
): GateReport {
  const settings = parseSettings(
    { prompt: 'x', 'on-exhaust': opts.onExhaust ?? 'fail' },
    { GITHUB_WORKFLOW: opts.workflow ?? 'agent' },
    'cli'
  )
  const count = { tokens: 1000, low: 950, high: 1050, family: 'B' as const, method: 'offline' as const }
  const estimate = buildEstimate({
    settings: settings.estimate,
    table,
    model: resolveModel(table, 'sonnet'),
    counted: {
      prompt: count,
      context: { ...count, tokens: 0, low: 0, high: 0 },
      prefixTokens: 12_000,
      prefixSource: 'test'
    },
    pastRuns: [],
    now
  })
  const r = {
    schema: 'agent-credit-gate/report@1' as const,
    generatedAt: now.toISOString(),
    job: settings.job,
    ...estimate,
    notices: opts.notices ?? []
  }
  const credit = creditFor(settings.budget)
  const cycle = cycleAt(now, 1)
  const state = budgetState({ credit, settledUsd: opts.settled, heldUsd: 0, externalSpendUsd: 0 })
  const decision = decide({
    state,
    estimate: r.estimate.blended,
    gateOn: 'p90',
    warnAtPct: 80,
    onExhaust: settings.budget.onExhaust
  })
  return {
    ...r,
    phase: 'gated',
    budget: { credit, cycle, state, warnAtPct: 80, onExhaust: settings.budget.onExhaust },
    decision,
    runway: runway({ state, cycle, now, gatedUsd: decision.gatedUsd }),
    burnDown: [
      { date: '2026-11-02', cumulativeUsd: opts.settled / 2 },
      { date: '2026-11-20', cumulativeUsd: opts.settled }
    ]
  }
}

describe('reports', () => {
  it('lead with the decision and the dollars on a passing run', () => {
    const md = renderReport(report({ settled: 1 }), { variant: 'comment', marker: commentMarker('default') })
    expect(md.split('\n')[0]).toBe('<!-- agent-credit-gate:comment:default -->')
    expect(md).toMatch(
      /✅ \*\*Pass\*\* — estimated \*\*\$[\d.]+\*\* \(p90 \$[\d.]+\) of the \*\*\$19\.00\*\* left of your \$20\.00 Pro credit; resets Dec 1\./
    )
    expect(md).toContain('| | Estimate | API-equivalent (Claude) | Recorded actual |')
    expect(md).toContain('as of 2026-11-23')
  })
  it('warn near the line and say what happens when the run does not fit', () => {
    expect(renderReport(report({ settled: 15.9 }), { variant: 'comment' })).toContain('⚠️ **Warning**')
    const skip = report({ settled: 19.99, onExhaust: 'skip' })
    expect(renderReport(skip, { variant: 'comment' })).toContain('The agent step was skipped.')
    expect(checkConclusion(skip)).toBe('neutral')
    expect(checkConclusion(report({ settled: 19.99 }))).toBe('failure')
    expect(checkConclusion(report({ settled: 1 }))).toBe('success')
  })
  it('draw the burn-down as a Mermaid chart with a plain table beside it in the job summary', () => {
    const md = renderReport(report({ settled: 4 }), { variant: 'summary' })
    expect(md).toContain('```mermaid\nxychart-beta')
    expect(md).toContain('| 2026-11-20 | $4.00 | $20.00 |')
  })
  it('stay within GitHub limits by dropping details, never the headline or the table', () => {
    const huge = report({
      settled: 1,
      notices: Array.from({ length: 5000 }, (_, i) => `notice ${i} — ünïcödé ✓ ${'x'.repeat(40)}`)
    })
    const comment = renderReport(huge, { variant: 'comment' })
    const check = renderReport(huge, { variant: 'check' })
    expect(comment.length).toBeLessThanOrEqual(LIMITS.comment)
    expect(Buffer.byteLength(check)).toBeLessThanOrEqual(LIMITS.check)
    for (const md of [comment, check]) {
      expect(md).toContain('✅ **Pass**')
      expect(md).toContain('| Cost |')
      expect(md).toContain('details truncated')
    }
    expect(statusDescription(huge).length).toBeLessThanOrEqual(140)
    expect(checkTitle(huge)).toMatch(/^Est\. \$/)
  })
  it('escape untrusted names so they cannot inject markup, mentions or close the marker', () => {
    const md = renderReport(
      report({ settled: 1, workflow: '<img src=x> @octocat | --> [x](javascript:1)' }),
      { variant: 'comment' }
    )
    expect(md).not.toContain('<img')
    expect(md).not.toContain('@octocat')
    expect(md).not.toMatch(/[^-]--> \[x\]/)
    expect(escapeMarkdown('a|b\nc')).toBe('a\\|b c')
  })
  it('annotate the gated step of the workflow, at most 10 per level', () => {
    const yaml =
      'name: ci\non: push\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - id: gate\n        uses: agent-credit-gate/agent-credit-gate@v1\n'
    expect(findStepLine(yaml, { stepId: 'gate' })).toBe(8)
    const a = annotationsFor(report({ settled: 19.99 }), {
      workflowPath: '.github/workflows/ci.yml',
      line: 8
    })
    expect(a[0]).toMatchObject({ level: 'error', file: '.github/workflows/ci.yml', startLine: 8 })
  })
})
