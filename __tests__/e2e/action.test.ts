/** The bundled action run as the runner runs it: main, then Claude's result file, then post. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { runJob, runStep, makeRunnerDirs, writePullRequestEvent, type StepResult } from '../support/runner.js'
import { GitHubDouble } from '../support/github-server.js'
import { FakeAnthropic } from '../support/fake-anthropic.js'
import { expectNoSecrets, recordedBodies } from '../support/secrets.js'

const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)
const SECRET = 'ghs_e2eSecretToken123'
const ANTHROPIC_KEY = 'sk-ant-api03-e2eSecretKey0123456789'

let server: GitHubDouble
let anthropic: FakeAnthropic
beforeAll(async () => {
  server = await new GitHubDouble().start()
  anthropic = await new FakeAnthropic().start()
})
afterAll(async () => {
  await server.stop()
  await anthropic.stop()
})

/** Everything a job printed and wrote, and everything the GitHub double received, as places to scan. */
function everything(steps: Record<string, StepResult>, files: string[]): Record<string, string> {
  const places: Record<string, string> = {
    ...recordedBodies(server.requests),
    comments: JSON.stringify(server.comments),
    'check runs': JSON.stringify(server.checkRuns),
    statuses: JSON.stringify(server.statuses)
  }
  for (const [name, s] of Object.entries(steps)) {
    places[`${name} stdout`] = s.stdout
    places[`${name} stderr`] = s.stderr
    places[`${name} summary`] = s.summary
    places[`${name} outputs`] = JSON.stringify(s.outputs)
    places[`${name} state`] = JSON.stringify(s.state)
  }
  for (const f of files) places[f] = readFileSync(f, 'utf8')
  return places
}

const baseInputs = (dirs: { temp: string }) => ({
  prompt: 'Review the diff and report bugs.',
  model: 'sonnet',
  'max-turns': '8',
  ledger: `file:${dirs.temp}/ledger.json`,
  'monthly-credits': '20'
})

describe('the action, step by step', () => {
  it('fails the step on bad input, naming the input, the value and the fix', async () => {
    const r = await runStep('main', {
      inputs: { prompt: 'x', 'monthly-credits': 'twenty', 'gate-on': 'p99' }
    })
    expect(r.exitCode).toBe(1)
    const errors = r.commands.filter(c => c.command === 'error').map(c => c.message)
    expect(errors.join('\n')).toContain(
      'monthly-credits: expected a positive number of USD from 0.01 to 10000000, e.g. 20, got "twenty"'
    )
    expect(errors.join('\n')).toContain('gate-on: expected one of p50, p90, max, got "p99"')
  })

  it('estimates, holds, hands post its hold, and post settles it from Claude’s result', async () => {
    const dirs = makeRunnerDirs()
    const { main, post } = await runJob({
      dirs,
      inputs: baseInputs(dirs),
      between: d =>
        copyFileSync(fixture('claude-execution-output.json'), join(d.temp, 'claude-execution-output.json'))
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.allowed).toBe('true')
    expect(main.outputs.decision).toBe('pass')
    expect(Number(main.outputs['estimate-usd'])).toBeGreaterThan(0)
    expect(Number(main.outputs['estimate-usd-p90'])).toBeGreaterThanOrEqual(
      Number(main.outputs['estimate-usd'])
    )
    // The ledger holds the p90; Claude's cap is all that is left of the empty cycle's $20.
    expect(Number(main.outputs['hold-usd'])).toBe(Number(main.outputs['estimate-usd-p90']))
    expect(main.outputs['max-budget-usd']).toBe('20')
    expect(main.outputs['remaining-usd']).toBe('20')
    expect(main.outputs['resets-at']).toMatch(/T00:00:00.000Z$/)
    expect(JSON.parse(main.state.handoff).holdKey).toBe('1001/1/acme%2Fapi/agent/review/gate')
    // Main's summary is short (the headline and the estimate); post writes the full report.
    expect(main.summary).toMatch(/^### Agent credits · agent \/ review\n\n✅ \*\*Pass\*\* — holds \*\*\$/)
    expect(main.summary).toContain('post-step summary')
    expect(main.summary).not.toContain('```mermaid')
    expect(main.summary.endsWith('\n')).toBe(true)

    expect(post.exitCode).toBe(0)
    const report = JSON.parse(readFileSync(main.outputs['report-file'], 'utf8'))
    expect(report.phase).toBe('settled')
    expect(report.actual.usd).toBeCloseTo(0.102756, 9)
    expect(report.actual.claudeReportedUsd).toBeCloseTo(0.102756, 9)
    expect(post.summary).toContain('Spent $0.10')
    expect(post.summary).toContain('```mermaid')
    const ledgerFile = readdirSync(dirs.temp).find(f => /^ledger\..*\.json$/.test(f))!
    const doc = JSON.parse(readFileSync(join(dirs.temp, ledgerFile), 'utf8'))
    expect(doc.entries).toHaveLength(1)
    expect(doc.entries[0]).toMatchObject({ status: 'settled', actualUsd: 0.102756 })
  })

  it('keeps the hold as spent and says so when the agent left no result', async () => {
    const dirs = makeRunnerDirs()
    const { main, post } = await runJob({ dirs, inputs: baseInputs(dirs) })
    expect(post.exitCode).toBe(0)
    expect(post.commands.some(c => c.command === 'warning' && /unverified/.test(c.message))).toBe(true)
    const report = JSON.parse(readFileSync(main.outputs['report-file'], 'utf8'))
    expect(report.actual.unverified).toBe(true)
    expect(report.actual.usd).toBeCloseTo(Number(main.outputs['hold-usd']), 6)
  })

  it('caps Claude at max-run-usd, and skips a run whose typical cost passes it', async () => {
    const dirs = makeRunnerDirs()
    const capped = await runStep('main', { dirs, inputs: { ...baseInputs(dirs), 'max-run-usd': '3' } })
    expect(capped.exitCode).toBe(0)
    expect(capped.outputs).toMatchObject({ allowed: 'true', decision: 'pass', 'max-budget-usd': '3' })
    expect(Number(capped.outputs['hold-usd'])).toBe(Number(capped.outputs['estimate-usd-p90']))
    expect(capped.summary).toContain('capped at $3.00 (max-run-usd)')

    const tooSmall = Number(capped.outputs['estimate-usd']) / 2
    const other = makeRunnerDirs()
    const { main, post } = await runJob({
      dirs: other,
      inputs: { ...baseInputs(other), 'max-run-usd': String(tooSmall), 'on-exhaust': 'skip' }
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs).toMatchObject({
      allowed: 'false',
      decision: 'fail',
      'max-budget-usd': '0',
      'hold-usd': '0'
    })
    expect(main.summary).toContain('Skipped: over max-run-usd')
    expect(post.stdout).toContain('no hold was written')
  })

  it('skips the agent step with allowed=false when the run does not fit and on-exhaust is skip', async () => {
    const dirs = makeRunnerDirs()
    const { main, post } = await runJob({
      dirs,
      inputs: { ...baseInputs(dirs), 'monthly-credits': '0.01', 'on-exhaust': 'skip' }
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs).toMatchObject({ allowed: 'false', decision: 'fail', 'max-budget-usd': '0' })
    expect(JSON.parse(main.state.handoff).holdKey).toBe('')
    expect(post.stdout).toContain('no hold was written')
  })

  it('fails the step when the run does not fit and on-exhaust is fail', async () => {
    const dirs = makeRunnerDirs()
    const main = await runStep('main', { dirs, inputs: { ...baseInputs(dirs), 'monthly-credits': '0.01' } })
    expect(main.exitCode).toBe(1)
    expect(main.commands.find(c => c.command === 'error')?.message).toMatch(/does not fit the \$0\.01 left/)
  })

  it('writes one sticky PR comment and one check run on the PR head, and post updates both', async () => {
    const dirs = makeRunnerDirs()
    const event = writePullRequestEvent(dirs, { number: 7, headSha: 'a'.repeat(40) })
    server.addComment(7, `planted <!-- agent-credit-gate:comment:default -->`, 'mallory')
    const { main, post } = await runJob({
      dirs,
      // The Anthropic key makes the gate try count_tokens (which this fake refuses: offline count, a notice).
      inputs: { ...baseInputs(dirs), 'github-token': SECRET, 'anthropic-api-key': ANTHROPIC_KEY },
      env: {
        ANTHROPIC_BASE_URL: anthropic.url,
        GITHUB_API_URL: server.url,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_SHA: 'b'.repeat(40)
      },
      between: d => copyFileSync(fixture('result-success.json'), join(d.temp, 'claude-execution-output.json'))
    })
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)
    const ours = server.comments.filter(c => c.issue === 7 && c.user.login === 'github-actions[bot]')
    expect(ours).toHaveLength(1)
    expect(ours[0].body).toContain('Spent $0.10')
    expect(server.comments.find(c => c.user.login === 'mallory')?.body).toBe(
      'planted <!-- agent-credit-gate:comment:default -->'
    )
    expect(server.checkRuns).toHaveLength(1)
    expect(server.checkRuns[0]).toMatchObject({
      name: 'Agent credits',
      head_sha: 'a'.repeat(40),
      conclusion: 'success'
    })
    expect(JSON.stringify(server.checkRuns[0].output)).toContain('Spent $0.10')
    // Neither secret appears in anything the action printed, wrote or sent; both were masked first.
    expect(main.stdout).toMatch(/count_tokens unavailable/)
    expectNoSecrets(everything({ main, post }, [main.outputs['report-file']]), [SECRET, ANTHROPIC_KEY])
    for (const step of [main, post]) {
      expect(step.stdout).toContain(`::add-mask::${SECRET}`)
      expect(step.stdout).toContain(`::add-mask::${ANTHROPIC_KEY}`)
    }
  })

  it('on a fork PR, writes no comment, says why, and keeps the report in the job summary', async () => {
    const dirs = makeRunnerDirs()
    const event = writePullRequestEvent(dirs, { number: 8, headSha: 'c'.repeat(40), headRepo: 'someone/api' })
    const main = await runStep('main', {
      dirs,
      inputs: { ...baseInputs(dirs), 'github-token': 'ghs_fork', 'check-name': '' },
      env: { GITHUB_API_URL: server.url, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event }
    })
    expect(main.exitCode).toBe(0)
    expect(server.comments.filter(c => c.issue === 8)).toHaveLength(0)
    expect(main.commands.some(c => c.command === 'notice' && /fork pull request/.test(c.message))).toBe(true)
    expect(main.summary).toContain('✅ **Pass**')
  })

  it('falls back to a commit status of at most 140 characters without checks: write', async () => {
    const dirs = makeRunnerDirs()
    server.fault(/^POST \/repos\/acme\/api\/check-runs$/, {
      status: 403,
      message: 'Resource not accessible by integration',
      times: 1
    })
    const main = await runStep('main', {
      dirs,
      inputs: { ...baseInputs(dirs), 'github-token': 'ghs_nochecks' },
      env: { GITHUB_API_URL: server.url, GITHUB_SHA: 'd'.repeat(40) }
    })
    expect(main.exitCode).toBe(0)
    const status = server.statuses.find(x => x.sha === 'd'.repeat(40))
    expect(status).toMatchObject({ state: 'success', context: 'Agent credits' })
    expect(status!.description.length).toBeLessThanOrEqual(140)
    expect(status!.description).toMatch(/^Pass — holds \$\d+\.\d\d \(p90 estimate; typical \$/)
  })

  it('notes a comment or check run GitHub refuses, and the job goes on', async () => {
    const dirs = makeRunnerDirs()
    const event = writePullRequestEvent(dirs, { number: 9, headSha: 'e'.repeat(40) })
    server.fault(/^GET \/repos\/acme\/api\/issues\/9\/comments$/, { status: 410, message: 'Gone', times: 1 })
    server.fault(/^POST \/repos\/acme\/api\/check-runs$/, {
      status: 422,
      message: `No commit found for SHA: ${'e'.repeat(40)}`,
      times: 1
    })
    const main = await runStep('main', {
      dirs,
      inputs: { ...baseInputs(dirs), 'github-token': SECRET },
      env: { GITHUB_API_URL: server.url, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event }
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.allowed).toBe('true')
    const notices = main.commands.filter(c => c.command === 'notice').map(c => c.message)
    expect(notices).toEqual(
      expect.arrayContaining([
        'agent-credit-gate: could not write the PR comment (410 Gone (GET /repos/acme/api/issues/9/comments)); see the job summary',
        `agent-credit-gate: could not publish the check (422 No commit found for SHA: ${'e'.repeat(40)} (POST /repos/acme/api/check-runs)); see the job summary`
      ])
    )
    expect(main.summary).toContain('✅ **Pass**')
  })

  describe('when post cannot write the ledger (the ledger token lost contents: write)', () => {
    const LEDGER_TOKEN = 'ghs_e2eLedgerToken456'
    const settleWith = async (onLedgerError: 'fail' | 'warn') => {
      const dirs = makeRunnerDirs()
      const ref = `refs/agent-credit-gate/e2e-post-${onLedgerError}`
      server.readOnlyTokens.delete(LEDGER_TOKEN)
      const job = await runJob({
        dirs,
        inputs: {
          ...baseInputs(dirs),
          ledger: 'github',
          'ledger-ref': ref,
          'ledger-token': LEDGER_TOKEN,
          'github-token': SECRET,
          'on-ledger-error': onLedgerError
        },
        env: { GITHUB_API_URL: server.url, GITHUB_SHA: 'f'.repeat(40) },
        between: d => {
          copyFileSync(fixture('result-success.json'), join(d.temp, 'claude-execution-output.json'))
          server.readOnlyTokens.add(LEDGER_TOKEN)
        }
      })
      const cycleFile = [...server.refs.keys()].includes(ref)
        ? JSON.parse(
            server.fileAt(ref, `cycles/${JSON.parse(job.main.state.handoff ?? '{}').cycle?.id ?? ''}.json`)!
          )
        : undefined
      expectNoSecrets(everything({ main: job.main, post: job.post }, []), [SECRET, LEDGER_TOKEN])
      return { ...job, entries: cycleFile?.entries ?? [] }
    }
    const refused =
      /ledger: 403 Resource not accessible by integration \(POST \/repos\/acme\/api\/git\/refs\); the actual \(\$0\.1028\) was not recorded: the hold stays counted as spent until it expires \(hold-hours: 6\)/

    it.each(['fail', 'warn'] as const)(
      'warns in one line, keeps the hold counted and still reports the actual, never failing the job (on-ledger-error: %s)',
      async onLedgerError => {
        const { main, post, entries } = await settleWith(onLedgerError)
        expect(main.exitCode).toBe(0)
        expect(post.exitCode).toBe(0)
        expect(post.commands.filter(c => c.command === 'error')).toEqual([])
        const warnings = post.commands.filter(c => c.command === 'warning').map(c => c.message)
        expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(refused)]))
        expect(post.summary).toContain('Spent $0.10')
        expect(JSON.stringify(server.checkRuns.at(-1)?.output)).toContain('Spent $0.10')
        expect(entries).toEqual([expect.objectContaining({ status: 'held' })])
      }
    )
  })

  it('does nothing in post when main never ran', async () => {
    const r = await runStep('post', {})
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('main step did not run')
  })
})
