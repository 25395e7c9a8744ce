/**
 * What a developer reads on their PR, from the reports the real gate and record steps make
 * (support/report-states.ts): the first two lines answer what it cost or holds, against what was
 * expected, what is left and what to do now; the table, the burn-down and the ways out back them up.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { renderReport, commentMarker, LIMITS, DOCS_URL } from '../../src/report/markdown.js'
import { checkConclusion, statusDescription, checkTitle } from '../../src/report/status.js'
import { annotationsFor, findStepLine } from '../../src/report/annotations.js'
import { escapeMarkdown } from '../../src/report/escape.js'
import { headlineOf, headlineText } from '../../src/report/headline.js'
import { figuresOf } from '../../src/report/figures.js'
import { usd } from '../../src/budget/format.js'
import { burnDownSeries } from '../../src/report/burn-down.js'
import { renderEstimateText } from '../../src/cli/render.js'
import type { GateReport } from '../../src/report/types.js'
import { REPORT_STATES, reportIn, type ReportState } from '../support/report-states.js'

const states = {} as Record<ReportState, GateReport>
let skipped: GateReport
beforeAll(async () => {
  for (const s of REPORT_STATES) states[s] = await reportIn(s)
  skipped = await reportIn('refused', { 'on-exhaust': 'skip' })
})

/** The first two lines under the title, as GitHub shows the comment. */
const firstTwo = (md: string) =>
  md
    .split('\n')
    .filter(l => l && !l.startsWith('<!--') && !l.startsWith('###'))
    .slice(0, 2)

describe('the first two lines', () => {
  it("before a passing run: the verdict, the p90 hold, Claude's cap, what is left after the hold, the reset; then what happens", () => {
    const r = states.pass
    const [one, two] = firstTwo(renderReport(r, { variant: 'comment', marker: commentMarker('default') }))
    const hold = r.decision!.gatedUsd
    const cap = r.budget!.state.remainingUsd
    const left = cap - hold
    expect(one).toBe(
      `✅ **Pass** — holds **$${hold.toFixed(2)}** (p90 estimate; typical $${r.estimate.blended.p50Usd.toFixed(2)}) · capped at $${cap.toFixed(2)} (all that is left for it) · **$${left.toFixed(2)}** left after it · resets Dec 1 (in 6 days)  `
    )
    expect(two).toMatch(/^The agent runs; about \d+ more runs like this fit before the reset\.$/)
  })

  it('before a warned run: past the warning line, when the credit runs out at this pace, and what stretches it', () => {
    const [one, two] = firstTwo(renderReport(states.warn, { variant: 'comment' }))
    expect(one).toMatch(
      /^⚠️ \*\*Warning\*\* — holds \*\*\$0\.\d\d\*\* .* left after it, past the 80% line · resets Dec 1/
    )
    expect(two).toContain('the credit is running low')
    expect(two).toMatch(/To stretch it: model haiku holds \$0\.\d\d for the same tokens\./)
  })

  it('when refused: why in plain words with both figures, then the ways out, each with its figure', () => {
    const r = states.refused
    const md = renderReport(r, { variant: 'comment' })
    const [one, two] = firstTwo(md)
    const left = r.budget!.state.remainingUsd
    expect(one).toContain(
      `❌ **Refused: over budget** — needs **$${r.decision!.gatedUsd.toFixed(2)}** (p90 estimate)`
    )
    expect(one).toContain(`only **$${left.toFixed(2)}** left of $20.00 · resets Dec 1`)
    expect(two).toMatch(
      /^The step failed, so the agent did not run\. Ways out: wait for the reset on Dec 1 · /
    )
    // Nothing after the refusal says the credit lasts or that runs still fit.
    expect(md).not.toMatch(/lasts until it resets|more runs? like this fits?/)
    expect(md).toContain(`[how the gate decides](${DOCS_URL}#when-a-run-is-refused)`)
  })

  it('a skipped run is not called a failure', () => {
    const [one, two] = firstTwo(renderReport(skipped, { variant: 'comment' }))
    expect(one).toMatch(/^⏭️ \*\*Skipped: over budget\*\*/)
    expect(two).toMatch(/^The agent step was skipped \(allowed=false\); the job goes on\./)
    expect(checkConclusion(skipped)).toBe('neutral')
    expect(checkConclusion(states.refused)).toBe('failure')
    expect(checkConclusion(states.pass)).toBe('success')
  })

  it('after the run: the actual, how far from the p50 estimate, what is left now, and whether a warning still stands', () => {
    const r = states.settled
    const [one, two] = firstTwo(renderReport(r, { variant: 'comment' }))
    const a = r.actual!.usd
    const p50 = r.estimate.blended.p50Usd
    const off = Math.round(Math.abs((a - p50) / p50) * 100)
    expect(one).toBe(
      `🧾 **Spent $${a.toFixed(2)}** — actual, ${off}% ${a < p50 ? 'under' : 'over'} the $${p50.toFixed(2)} estimate (p50) · **$${r.budget!.state.remainingUsd.toFixed(2)}** left of $20.00 · resets Dec 1 (in 6 days)  `
    )
    expect(two).toMatch(/^⚠️ Warning stands: the cycle is past 80% of the \$20\.00 credit; /)
  })

  it('after a run with no Claude result: the hold kept as spent, marked unverified', async () => {
    const r = await reportIn('settled', {}, 'no-result-file')
    const [one] = firstTwo(renderReport(r, { variant: 'comment' }))
    expect(one).toMatch(
      /^⚠️ \*\*Spent \$0\.\d\d \(unverified\)\*\* — no Claude result file, so the hold was kept as spent · \*\*\$[\d.]+\*\* left of \$20\.00/
    )
  })

  it('after a run whose actual could not be written: says so, and counts the hold in what is left', async () => {
    const r = await reportIn('settled', {}, 'ledger-down')
    const md = renderReport(r, { variant: 'comment' })
    const [one, two] = firstTwo(md)
    const left = r.budget!.state.remainingUsd - r.decision!.holdUsd
    expect(one).toContain(`**$${left.toFixed(2)}** left of $20.00`)
    expect(two).toBe(
      '⚠️ The actual was not recorded (the ledger was unavailable): the hold stays counted as spent until it expires.'
    )
    expect(md).toContain(`this run's hold of $${r.decision!.holdUsd.toFixed(2)} stays counted`)
    expect(md).not.toContain("this run's $")
  })

  it('say the same words in the check run title, the commit status, the comment and the CLI', () => {
    for (const s of REPORT_STATES) {
      const r = states[s]
      const line = headlineText(headlineOf(r), { icon: false })
      expect(checkTitle(r)).toBe(line)
      expect(line.startsWith(statusDescription(r).replace(/…$/, ''))).toBe(true)
      expect(statusDescription(r).length).toBeLessThanOrEqual(140)
      expect(renderEstimateText(r).split('\n').slice(0, 2)).toEqual([
        headlineText(headlineOf(r)),
        headlineOf(r).next
      ])
    }
  })
})

describe('the ways out of a refusal', () => {
  it('each fit what is left, or say they do not, with figures that follow from the report', () => {
    const r = states.refused
    const w = r.waysOut!
    const left = r.budget!.state.remainingUsd
    expect(w.shortfallUsd).toBeCloseTo(r.decision!.gatedUsd - left, 10)
    expect(w.raise.overageUsd).toBeCloseTo(r.budget!.credit.overageUsd + w.shortfallUsd, 10)
    expect(w.maxTurns!.turns).toBeLessThan(12)
    expect(w.maxTurns!.usd).toBeLessThanOrEqual(left)
    // Never cheaper than the table says a typical run (p50 turns) costs.
    if (w.maxTurns!.turns >= r.estimate.loop.turns.p50)
      expect(w.maxTurns!.usd).toBeGreaterThanOrEqual(r.estimate.blended.p50Usd)
    expect(w.maxTurns!.belowTypical).toBe(w.maxTurns!.turns < r.estimate.loop.turns.p50)
    for (const m of w.cheaperModels) {
      expect(m.gatedUsd).toBeLessThan(r.decision!.gatedUsd)
      expect(m.fits).toBe(m.gatedUsd <= left)
    }
    expect(w.cheaperModels.map(m => m.alias)).toContain('haiku')
    const md = renderReport(r, { variant: 'comment' })
    expect(md).toContain(`\`overage: ${w.raise.overageUsd.toFixed(2)}\``)
    expect(md).toContain(`\`max-turns: ${w.maxTurns!.turns}\` (now 12)`)
    expect(md).toContain('`model: haiku` (Haiku 5.5)')
  })
})

describe('the table', () => {
  it('has a figure in every column, before and after the run, and leaves out classes that are zero everywhere', () => {
    for (const s of REPORT_STATES) {
      const g = figuresOf(states[s])
      for (const row of g.rows) {
        expect(row).toHaveLength(g.head.length)
        for (const cell of row) expect(cell.trim()).not.toBe('')
      }
      expect(g.rows.map(r => r[0])).not.toContain('Web searches')
    }
    expect(figuresOf(states.pass).head).toEqual(['Estimate, Sonnet 5.5', 'p50', 'p90', 'max'])
    expect(figuresOf(states.settled).head).toEqual([
      'Sonnet 5.5',
      'Estimate (p50)',
      'Actual',
      'Actual vs estimate'
    ])
  })

  it('flags a cache TTL the run did not follow and shows the main loop and the fan-out apart', () => {
    const g = figuresOf(states.settled)
    const writes = g.rows.find(r => r[0] === 'Cache writes')!
    expect(writes[1]).toMatch(/\(1 h\)$/)
    expect(writes[2]).toMatch(/\(5 min\) ²$/)
    expect(g.notes.join('\n')).toContain(
      '² The estimate assumed 1-hour cache writes; the run wrote 5-minute ones'
    )
    const main = g.rows.find(r => r[0] === 'Main loop')!
    const fanOut = g.rows.find(r => r[0] === 'Fan-out (side models, subagents)')!
    expect(main[2]).toMatch(/^\$\d+\.\d\d \(claude-sonnet-5-5\)$/)
    const a = states.settled.actual!
    const haiku = a.byModel!.find(m => m.model === 'claude-haiku-5-5')!.usd
    expect(fanOut[2]).toBe(usd(haiku))
  })

  it('says why the cost differs from the per-turn rows when history is blended in', () => {
    const md = renderReport(states.pass, { variant: 'summary' })
    expect(md).toMatch(
      /estimated cost blends the model with \d+ past runs of this job; the token rows are the model's alone/
    )
    expect(md).toContain(
      `The headline's p50 ($${states.pass.estimate.blended.p50Usd.toFixed(2)}) blends it with past runs, so it differs from these rows' total.`
    )
  })
})

describe('the burn-down', () => {
  it('has every day of the cycle, no bar after today, the budget and the pace to the reset', () => {
    const r = states.warn
    const s = burnDownSeries(r)!
    expect(s.days).toHaveLength(30)
    expect(s.days[0]).toBe('2026-11-01')
    expect(s.days.at(-1)).toBe('2026-11-30')
    expect(s.spent.slice(24).every(x => x === null)).toBe(true)
    expect(s.pace.at(-1)).toBeCloseTo(r.runway!.burnUsdPerDay * 30, 10)
    const md = renderReport(r, { variant: 'summary' })
    expect(md).toContain('  x-axis ["1", "2", "3", ')
    expect(md).toMatch(
      /Red line: the \$20\.00 budget\. Yellow line: this cycle's pace \(\$\d+\.\d\d\/day\), \$\d+\.\d\d by the reset on Dec 1\./
    )
    expect(md).toContain('| Dec 1 (reset), at this pace |')
  })

  it('is open in the job summary and folded in the comment, with the same chart', () => {
    const summary = renderReport(states.settled, { variant: 'summary' })
    const comment = renderReport(states.settled, { variant: 'comment' })
    const chart = (md: string) =>
      md.slice(md.indexOf('```mermaid'), md.indexOf('```\n', md.indexOf('```mermaid') + 3))
    expect(chart(comment)).toBe(chart(summary))
    expect(comment).toMatch(
      /<details><summary>Burn-down: \$[\d.]+ of \$20\.00 spent by Nov 24; \$[\d.]+ by the reset at this pace<\/summary>\n\n```mermaid/
    )
    expect(summary).not.toContain('<details><summary>Burn-down:')
  })
})

describe('the report', () => {
  it("main's short summary carries the two lines and the table and ends with a newline", () => {
    const short = renderReport(states.pass, { variant: 'short' })
    const full = renderReport(states.pass, { variant: 'summary' })
    expect(firstTwo(short)).toEqual(firstTwo(full))
    expect(short).toContain('| Cost ¹ |')
    expect(short).not.toContain('```mermaid')
    expect(short.endsWith('\n')).toBe(true)
    expect(full.endsWith('\n')).toBe(true)
  })

  it('labels the last runs with their model and starts every sentence with a capital', () => {
    const md = renderReport(states.pass, { variant: 'summary' })
    expect(md).toContain('| settled (UTC) | model | actual | estimate p50 | turns |')
    expect(md).toMatch(/\| claude-opus-5-5 \|/)
    expect(md).toMatch(/\| claude-sonnet-5-5 \|/)
    expect(md).not.toMatch(/[.)] last \d+ runs?:/)
    expect(md).toMatch(/Last \d+ runs?: actual was/)
    // No block-character bar in inline code (it renders as a grey smudge).
    expect(md).not.toMatch(/[█▓▒░]/)
  })

  it('stays within GitHub limits by dropping details, never the headline or the table', () => {
    const huge: GateReport = {
      ...states.pass,
      notices: Array.from({ length: 5000 }, (_, i) => `notice ${i} — ünïcödé ✓ ${'x'.repeat(40)}`)
    }
    const comment = renderReport(huge, { variant: 'comment' })
    const check = renderReport(huge, { variant: 'check' })
    expect(comment.length).toBeLessThanOrEqual(LIMITS.comment)
    expect(Buffer.byteLength(check)).toBeLessThanOrEqual(LIMITS.check)
    for (const md of [comment, check]) {
      expect(md).toContain('✅ **Pass**')
      expect(md).toContain('| Cost ¹ |')
      expect(md).toContain('details truncated')
    }
    expect(statusDescription(huge).length).toBeLessThanOrEqual(140)
  })

  it('escapes untrusted names so they cannot inject markup, mentions or close the marker', () => {
    const r = states.pass
    const md = renderReport(
      { ...r, job: { ...r.job, workflow: '<img src=x> @octocat | --> [x](javascript:1)' } },
      {
        variant: 'comment'
      }
    )
    expect(md).not.toContain('<img')
    expect(md).not.toContain('@octocat')
    expect(md).not.toMatch(/[^-]--> \[x\]/)
    expect(escapeMarkdown('a|b\nc')).toBe('a\\|b c')
  })

  it('annotates the gated step of the workflow, at most 10 per level', () => {
    const yaml =
      'name: ci\non: push\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - id: gate\n        uses: agent-credit-gate/agent-credit-gate@v1\n'
    expect(findStepLine(yaml, { stepId: 'gate' })).toBe(8)
    const a = annotationsFor(states.refused, { workflowPath: '.github/workflows/ci.yml', line: 8 })
    expect(a[0]).toMatchObject({ level: 'error', file: '.github/workflows/ci.yml', startLine: 8 })
  })
})
