/** The bundled action run as the runner runs it: main, then Claude's result file, then post. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runJob, runStep, makeRunnerDirs } from '../support/runner.js'
import { GitHubDouble } from '../support/github-server.js'

const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)
const SECRET = 'ghs_e2eSecretToken123'

let server: GitHubDouble
beforeAll(async () => {
  server = await new GitHubDouble().start()
})
afterAll(async () => server.stop())

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
      'monthly-credits: expected a positive number of USD, e.g. 20, got "twenty"'
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
    expect(Number(main.outputs['max-budget-usd'])).toBe(Number(main.outputs['estimate-usd-p90']))
    expect(main.outputs['resets-at']).toMatch(/T00:00:00.000Z$/)
    expect(main.state['hold-key']).toBe('1001/1/acme%2Fapi/agent/review/gate')
    expect(main.summary).toContain('Estimate')

    expect(post.exitCode).toBe(0)
    const report = JSON.parse(readFileSync(main.outputs['report-file'], 'utf8'))
    expect(report.phase).toBe('settled')
    expect(report.actual.usd).toBeCloseTo(0.102756, 9)
    expect(report.actual.claudeReportedUsd).toBeCloseTo(0.102756, 9)
    expect(post.summary).toContain('Spent $0.10')
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
    expect(report.actual.usd).toBeCloseTo(Number(main.outputs['max-budget-usd']), 6)
  })

  it('skips the agent step with allowed=false when the run does not fit and on-exhaust is skip', async () => {
    const dirs = makeRunnerDirs()
    const { main, post } = await runJob({
      dirs,
      inputs: { ...baseInputs(dirs), 'monthly-credits': '0.01', 'on-exhaust': 'skip' }
    })
    expect(main.exitCode).toBe(0)
    expect(main.outputs).toMatchObject({ allowed: 'false', decision: 'fail', 'max-budget-usd': '0' })
    expect(main.state['hold-key']).toBe('')
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
    const event = join(dirs.temp, 'pr.json')
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: {
          number: 7,
          head: { sha: 'a'.repeat(40), repo: { full_name: 'acme/api' } },
          base: { repo: { full_name: 'acme/api' } }
        }
      })
    )
    server.addComment(7, `planted <!-- agent-credit-gate:comment:default -->`, 'mallory')
    const { main, post } = await runJob({
      dirs,
      inputs: { ...baseInputs(dirs), 'github-token': SECRET },
      env: {
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
    // The token never appears in anything the action printed or wrote.
    const printed = (out: string) =>
      out
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
        .join('\n')
    const written = [readFileSync(main.outputs['report-file'], 'utf8'), JSON.stringify(server.checkRuns)]
    for (const text of [
      printed(main.stdout),
      printed(post.stdout),
      main.summary,
      post.summary,
      ...written,
      ...server.comments.map(c => c.body)
    ]) {
      expect(text).not.toContain(SECRET)
    }
    expect(main.stdout).toContain(`::add-mask::${SECRET}`)
  })

  it('on a fork PR, writes no comment, says why, and keeps the report in the job summary', async () => {
    const dirs = makeRunnerDirs()
    const event = join(dirs.temp, 'fork.json')
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: {
          number: 8,
          head: { sha: 'c'.repeat(40), repo: { full_name: 'someone/api' } },
          base: { repo: { full_name: 'acme/api' } }
        }
      })
    )
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
    expect(status!.description).toMatch(/^Est\. \$/)
  })

  it('does nothing in post when main never ran', async () => {
    const r = await runStep('post', {})
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('main step did not run')
  })
})
