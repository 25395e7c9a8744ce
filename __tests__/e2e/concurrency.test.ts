/**
 * 16 gate PROCESSES (the real CLI bundle) started at once on one budget that fits only 6 of them,
 * against the file store and against the GitHub-like server: no update lost, the accepted holds
 * never exceed what remained, every refused run says why.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { GitHubDouble } from '../support/github-server.js'
import { GATE_ARGS as common, cliProcess as cli } from '../support/gate-process.js'
import { tempDir } from '../support/temp-dirs.js'

const PROCESSES = 16
const FIT = 6

let server: GitHubDouble
let gated: number
beforeAll(async () => {
  server = await new GitHubDouble().start()
  // estimate takes the estimate's inputs only: what the gate decides on (gate-on, on-exhaust) is not one of them.
  const decision = new Set(['--gate-on', '--on-exhaust'])
  const estimateArgs = common.filter((a, i) => !decision.has(a) && !decision.has(common[i - 1]))
  const est = await cli(['estimate', ...estimateArgs])
  gated = JSON.parse(est.stdout).estimate.blended.maxUsd
})
afterAll(async () => server.stop())

async function race(ledger: string[], env: Record<string, string>, cwd: string) {
  const credit = (gated * (FIT + 0.5)).toFixed(6)
  const started = Date.now()
  const runs = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) =>
      cli(['gate', ...common, ...ledger, '--monthly-credits', credit, '--run-id', `r${i}`], env, cwd)
    )
  )
  const seconds = (Date.now() - started) / 1000
  const reports = runs.map(r => {
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    return JSON.parse(r.stdout)
  })
  const accepted = reports.filter(r => r.decision.allowed)
  const refused = reports.filter(r => !r.decision.allowed)
  for (const r of refused) expect(r.decision.reason).toMatch(/does not fit the \$[\d.]+ left/)
  return { accepted, refused, seconds, credit: Number(credit) }
}

describe('16 concurrent gates on one budget', () => {
  it('file store: accept exactly what fits and lose no update', async () => {
    const dir = tempDir('race')
    const { accepted, refused, seconds, credit } = await race(
      ['--ledger', `file:${join(dir, 'ledger.json')}`],
      {},
      dir
    )
    const file = readdirSync(dir).find(f => f.startsWith('ledger.') && f.endsWith('.json'))!
    const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    console.log(
      `file store: ${PROCESSES} processes, ${accepted.length} accepted, ${refused.length} refused, ${seconds.toFixed(1)} s`
    )
    expect(accepted).toHaveLength(FIT)
    expect(doc.entries).toHaveLength(FIT)
    const held = doc.entries.reduce((s: number, e: { holdUsd: number }) => s + e.holdUsd, 0)
    expect(held).toBeLessThanOrEqual(credit)
    // No update lost: each accepted gate wrote its hold and each refused one the run it prevented.
    expect(doc.prevented).toHaveLength(PROCESSES - FIT)
    expect(doc.revision).toBe(PROCESSES)
  })
  it('github store: accept exactly what fits and lose no update', async () => {
    const dir = tempDir('race')
    const { accepted, refused, seconds, credit } = await race(
      ['--ledger', 'github:acme/api', '--github-token', 'ghs_test'],
      { GITHUB_API_URL: server.url },
      dir
    )
    const conflicts = server.requests.filter(r => r.status === 422).length
    const calls = server.requests.length
    console.log(
      `github store: ${PROCESSES} processes, ${accepted.length} accepted, ${refused.length} refused, ${conflicts} CAS retries, ${calls} API calls, ${seconds.toFixed(1)} s`
    )
    const cycleFile =
      [...server.refs.keys()].length &&
      server.fileAt('refs/agent-credit-gate/ledger', `cycles/${accepted[0].budget.cycle.id}.json`)
    const doc = JSON.parse(cycleFile as string)
    expect(accepted).toHaveLength(FIT)
    expect(doc.entries).toHaveLength(FIT)
    expect(doc.entries.reduce((s: number, e: { holdUsd: number }) => s + e.holdUsd, 0)).toBeLessThanOrEqual(
      credit
    )
  })
})
