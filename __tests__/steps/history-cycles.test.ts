/**
 * A job's history across the billing-cycle reset, through the real gate and record steps on the
 * memory, file and GitHub (double) stores: a weekly job's runs of last cycle are what the first gate
 * of the new cycle estimates with, carried whole into the new cycle's document by that gate's own
 * hold, with no request added to any gate.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseSettings } from '../../src/config/parse.js'
import type { DocumentStore } from '../../src/store/types.js'
import { nodeFiles } from '../../src/files/files.js'
import { readCycle } from '../../src/ledger/update.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { gate } from '../../src/steps/gate.js'
import { record } from '../../src/steps/record.js'
import { GitHubDouble } from '../support/github-server.js'
import { tempDir } from '../support/temp-dirs.js'
import { heldAfter } from '../support/ledger-fixtures.js'
import { everyStore, githubLedger, postgresLedgers } from '../support/ledger-stores.js'

const JOB = 'acme/api/nightly/review/gate'
/** A weekly job: three runs in November, then the first of December's cycle. */
const NOVEMBER = ['2026-11-09T03:00:00Z', '2026-11-16T03:00:00Z', '2026-11-23T03:00:00Z']
const DECEMBER = new Date('2026-12-07T03:00:00Z')

let server: GitHubDouble
beforeAll(async () => {
  server = await new GitHubDouble().start()
})
afterAll(async () => server.stop())
const postgres = postgresLedgers('postgres store')

const stores = everyStore(() => server, postgres)

/** One run of a job of the nightly workflow (`review` unless named): its gate, and with `settle` its post step. */
async function runJob(
  store: DocumentStore,
  runId: string,
  at: Date,
  opts: { settle?: boolean; job?: string } = {}
) {
  const dir = tempDir('history-run')
  const settings = parseSettings(
    {
      prompt: 'Review the diff and report bugs.',
      model: 'claude-haiku-4-5',
      agent: 'none',
      'max-turns': '4',
      'monthly-credits': '20',
      'report-file': join(dir, 'report.json'),
      'usage-file': join(dir, 'result.json')
    },
    {
      GITHUB_REPOSITORY: 'acme/api',
      GITHUB_WORKFLOW: 'nightly',
      GITHUB_JOB: opts.job ?? 'review',
      GITHUB_RUN_ID: runId
    },
    'cli'
  )
  const deps = (now: Date) => ({ now, files: nodeFiles(dir), log: () => undefined, store })
  const gated = await gate(settings, deps(at))
  if (!opts.settle || !gated.holdKey) return gated.report
  writeFileSync(settings.reports.reportFile, JSON.stringify(gated.report))
  copyFileSync(join(process.cwd(), '__tests__/fixtures/result-success.json'), join(dir, 'result.json'))
  return (await record(settings, heldAfter(gated, settings), deps(new Date(at.getTime() + 600_000)))).report
}

describe.each(stores)('on the %s store', (_name, make) => {
  it("the first gate of a new cycle estimates with the job's runs of the last cycle, and carries them whole", async () => {
    const store = make()
    for (const [i, at] of NOVEMBER.entries()) await runJob(store, `n${i}`, new Date(at), { settle: true })
    const first = await runJob(store, 'd1', DECEMBER)
    expect(first.recentRuns?.map(r => r.settledAt.slice(0, 10))).toEqual([
      '2026-11-23',
      '2026-11-16',
      '2026-11-09'
    ])
    expect(first.estimate.blended).toMatchObject({ source: 'blended', sampleSize: 3 })
    const december = (await readCycle(store, cycleAt(DECEMBER, 1))).doc!
    const carried = december.history?.[JOB] ?? []
    expect(carried.map(e => e.key)).toEqual([
      'n2/1/acme%2Fapi/nightly/review/gate',
      'n1/1/acme%2Fapi/nightly/review/gate',
      'n0/1/acme%2Fapi/nightly/review/gate'
    ])
    // Whole entries: what post recorded (usage, turns, the estimate it was gated on) goes along.
    const november = (await readCycle(store, cycleAt(new Date(NOVEMBER[0]), 1))).doc!
    expect(carried[0]).toEqual(november.entries.find(e => e.key === carried[0].key))
    expect(carried[0]).toMatchObject({ status: 'settled', turns: 2, usage: expect.any(Object) })
    // The December cycle's own money starts from zero.
    expect(december.entries.map(e => e.status)).toEqual(['held'])
    // A later gate of the cycle reads the history from the cycle's document.
    const second = await runJob(store, 'd2', new Date(DECEMBER.getTime() + 3_600_000))
    expect(second.estimate.blended.sampleSize).toBe(3)
  })
})

describe('on the GitHub store, counting requests', () => {
  /** The requests one gate makes, as `METHOD path` with the repository left out. */
  async function requestsOf(fn: () => Promise<unknown>) {
    const before = server.requests.length
    await fn()
    return server.requests.slice(before).map(r => `${r.method} ${r.path.replace('/repos/acme/api', '')}`)
  }

  it("carries a job's history into the new cycle with no request added to its first gate or any later one", async () => {
    const store = githubLedger(server)
    await runJob(store, 's0', new Date('2026-09-15T03:00:00Z'), { job: 'other' })
    // November's first gate opens a cycle whose previous one (October) holds nothing to carry.
    const firstOfNovember = await requestsOf(() =>
      runJob(store, 'n0', new Date(NOVEMBER[0]), { job: 'other' })
    )
    for (const [i, at] of NOVEMBER.entries()) await runJob(store, `m${i}`, new Date(at), { settle: true })
    const laterInNovember = await requestsOf(() =>
      runJob(store, 'n9', new Date('2026-11-25T03:00:00Z'), { job: 'other' })
    )
    // December's first gate carries three runs, in the same requests as November's first.
    const firstOfDecember = await requestsOf(() => runJob(store, 'd1', DECEMBER))
    const laterInDecember = await requestsOf(() => runJob(store, 'd2', new Date(DECEMBER.getTime() + 60_000)))
    expect(firstOfDecember).toEqual(firstOfNovember)
    expect(laterInDecember).toEqual(laterInNovember)
    expect(firstOfDecember.filter(r => r.startsWith('POST /git/commits'))).toHaveLength(1)
    const december = (await readCycle(store, cycleAt(DECEMBER, 1))).doc!
    expect(december.history?.[JOB]?.length).toBe(3)
  })
})
