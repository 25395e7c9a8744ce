/**
 * Who may spend, alerts and export, through the gate and status steps as the action and the CLI run
 * them: an outsider's comment is refused before the ledger is touched; 12 gates crossing a threshold
 * together post it once to a local webhook receiver; the export carries FOCUS 1.2's mandatory columns.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSettings } from '../../src/config/parse.js'
import { triggerFrom } from '../../src/config/trigger.js'
import { pullRequestFrom } from '../../src/github/pull-request.js'
import { MemoryStore } from '../../src/store/memory.js'
import type { DocumentStore } from '../../src/store/types.js'
import { nodeFiles } from '../../src/files/files.js'
import { readCycle, updateLedger } from '../../src/ledger/update.js'
import { settle } from '../../src/ledger/operations.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { consequencesOf } from '../../src/budget/consequences.js'
import { gate } from '../../src/steps/gate.js'
import { status } from '../../src/steps/status.js'
import { exportCycle } from '../../src/steps/export.js'
import { FOCUS_COLUMNS } from '../../src/report/export.js'
import { renderReport } from '../../src/report/markdown.js'
import type { LedgerDeps } from '../../src/steps/deps.js'
import { tempDir } from '../support/temp-dirs.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const CYCLE = cycleAt(NOW, 1)

/** An issue_comment event on pull request 12, written by `login` with `association`. */
const commentEvent = (login: string, association: string) => ({
  action: 'created',
  issue: { number: 12, pull_request: { url: 'https://api.github.com/repos/acme/api/pulls/12' } },
  comment: { body: '@claude review this', author_association: association, user: { login } },
  sender: { login }
})

function run(runId: string, inputs: Record<string, string> = {}, event: unknown = undefined) {
  const dir = tempDir('who')
  const env = { GITHUB_REPOSITORY: 'acme/api', GITHUB_RUN_ID: runId, GITHUB_ACTOR: 'octocat' }
  return parseSettings(
    {
      prompt: 'Review the diff and report bugs.',
      model: 'claude-haiku-4-5',
      agent: 'none',
      'max-turns': '2',
      'monthly-credits': '100',
      'report-file': join(dir, 'report.json'),
      ...inputs
    },
    env,
    'cli',
    triggerFrom(event, { ...env, GITHUB_ACTOR: (event as { sender?: { login: string } })?.sender?.login })
  )
}

const deps = (store: DocumentStore): LedgerDeps => ({
  now: NOW,
  files: nodeFiles(tmpdir()),
  log: () => undefined,
  store
})

describe('who may spend (allowed-associations)', () => {
  it("refuses an outsider's comment-triggered run before any hold: no ledger read or write, a neutral check", async () => {
    const untouched: DocumentStore = {
      read: () => Promise.reject(new Error('the ledger was read')),
      write: () => Promise.reject(new Error('the ledger was written')),
      locate: () => 'nowhere',
      describe: () => 'untouched'
    }
    const settings = run(
      'r1',
      { 'allowed-associations': 'OWNER, member,COLLABORATOR' },
      commentEvent('drive-by', 'NONE')
    )
    const { report, holdKey } = await gate(settings, deps(untouched))
    expect(holdKey).toBeUndefined()
    expect(report.decision).toMatchObject({
      decision: 'fail',
      allowed: false,
      refusedBy: 'allowed-associations'
    })
    expect(report.decision!.reason).toBe(
      '@drive-by (NONE) may not start this agent: only OWNER, MEMBER, COLLABORATOR may (allowed-associations); nothing was held, and the agent step is skipped (allowed=false).'
    )
    expect(consequencesOf(report.decision).checkConclusion).toBe('neutral')
    expect(consequencesOf(report.decision).failsStep).toBe(false)
    expect(renderReport(report, { variant: 'comment' })).toContain('only OWNER, MEMBER, COLLABORATOR may')
  })

  it('lets a member through and records who triggered the run, on which pull request', async () => {
    const store = new MemoryStore()
    const settings = run('r1', { 'allowed-associations': 'OWNER,MEMBER' }, commentEvent('mona', 'MEMBER'))
    const { holdKey } = await gate(settings, deps(store))
    expect(holdKey).toBeDefined()
    const [entry] = (await readCycle(store, CYCLE)).doc!.entries
    expect(entry).toMatchObject({
      actor: 'mona',
      association: 'MEMBER',
      pr: 12,
      repository: 'acme/api',
      money: 'notional'
    })
  })

  it("puts the comment that says who may trigger it on the comment's pull request, with no check run there", () => {
    const pr = pullRequestFrom(commentEvent('drive-by', 'NONE'), 'acme/api')
    expect(pr).toEqual({ number: 12, fork: false, baseRepository: 'acme/api' })
  })

  it('reads the trigger of pull_request, review and push events', () => {
    const env = { GITHUB_ACTOR: 'mona' }
    expect(triggerFrom({ pull_request: { number: 7, author_association: 'CONTRIBUTOR' } }, env)).toEqual({
      actor: 'mona',
      association: 'CONTRIBUTOR',
      pullRequest: 7
    })
    expect(
      triggerFrom(
        { review: { author_association: 'owner' }, pull_request: { number: 7, author_association: 'NONE' } },
        { ...env, GITHUB_TRIGGERING_ACTOR: 'hubot' }
      )
    ).toEqual({ actor: 'hubot', association: 'OWNER', pullRequest: 7 })
    // A push carries no author association: whoever pushed has write access.
    expect(triggerFrom({ ref: 'refs/heads/main', pusher: { name: 'mona' } }, env)).toEqual({ actor: 'mona' })
  })

  it('names a mistyped association and the fix', () => {
    expect(() => run('r1', { 'allowed-associations': 'OWNER,MEMBERS' })).toThrow(
      /allowed-associations: expected a comma list of OWNER, MEMBER, COLLABORATOR, .*got "OWNER,MEMBERS"/
    )
  })
})

describe('a refused run', () => {
  it('stays refused (skipped, not failed closed) when the record of what it prevented cannot be written', async () => {
    const store = new MemoryStore()
    store.write = () => Promise.reject(new Error('connection reset'))
    const { report, holdKey } = await gate(
      run('r1', { 'monthly-credits': '0.01', 'max-turns': '40', 'on-exhaust': 'skip' }),
      deps(store)
    )
    expect(holdKey).toBeUndefined()
    expect(report.decision).toMatchObject({ decision: 'fail', allowed: false, refusedBy: 'ledger budget' })
    expect(report.notices.join('\n')).toMatch(
      /could not be counted as prevented \(.*connection reset.*\); nothing was held/
    )
  })
})

describe('alerts (alert-at, alert-webhook)', () => {
  let receiver: Server
  let url: string
  const posts: Array<{ text: string }> = []
  let answer = 200
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', c => (body += c))
      req.on('end', () => {
        posts.push(JSON.parse(body))
        res.writeHead(answer).end()
      })
    })
    await new Promise<void>(r => receiver.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/T000/SECRET-PART`
  })
  afterAll(async () => new Promise<void>(r => receiver.close(() => r())))

  it('posts each crossing once when 12 gates cross it together, and never prints the URL', async () => {
    posts.length = 0
    const probe = (await gate(run('probe'), deps(new MemoryStore()))).report.decision!.gatedUsd
    // Twelve holds take the cycle to 96% of the credit: past 50% and 80%, short of 100%.
    const credit = (probe * 12.5).toFixed(6)
    const store = new MemoryStore()
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        gate(run(`c${i}`, { 'monthly-credits': credit, 'alert-webhook': url }), deps(store))
      )
    )
    expect(outcomes.every(o => o.report.decision!.allowed)).toBe(true)
    expect(posts.map(p => p.text.match(/reached (\d+)%/)?.[1]).sort()).toEqual(['50', '80'])
    expect(posts[0].text).toMatch(
      /^agent-credit-gate: the monthly budget \(\$[\d.]+ for this cycle\) reached/
    )
    const doc = (await readCycle(store, CYCLE)).doc!
    expect(doc.alerts!.map(a => [a.budget, a.pct])).toEqual([
      ['monthly', 50],
      ['monthly', 80]
    ])
    const everything = JSON.stringify(outcomes.map(o => o.report))
    expect(everything).not.toContain('SECRET-PART')
    expect(everything).toContain('reached 80%; posted to the alert webhook')
  })

  it('warns when the webhook fails, and the run goes on', async () => {
    posts.length = 0
    const probe = (await gate(run('probe'), deps(new MemoryStore()))).report.decision!.gatedUsd
    answer = 500
    const { report } = await gate(
      run('w1', { 'monthly-credits': (probe * 1.5).toFixed(6), 'alert-webhook': url, 'alert-at': '50' }),
      deps(new MemoryStore())
    )
    answer = 200
    expect(report.decision!.allowed).toBe(true)
    expect(report.notices).toContain(
      'warning: alert monthly at 50% was not posted: the alert webhook answered HTTP 500'
    )
    expect(posts).toHaveLength(1)
    expect(JSON.stringify(report)).not.toContain('SECRET-PART')
  })
})

describe('status and export', () => {
  it('groups spend by actor, job and pull request, real money apart, and counts what the gate prevented', async () => {
    const store = new MemoryStore()
    await gate(run('a1', {}, commentEvent('mona', 'MEMBER')), deps(store))
    await gate(run('a2', { auth: 'api-key' }, commentEvent('hubot', 'MEMBER')), deps(store))
    await updateLedger(store, CYCLE, d => ({
      doc: settle(
        settle(d, { key: 'a1/1/acme%2Fapi/local/local/gate', actualUsd: 0.3 }, NOW).doc,
        { key: 'a2/1/acme%2Fapi/local/local/gate', actualUsd: 0.2 },
        NOW
      ).doc,
      result: 0
    }))
    const refused = await gate(
      run('a3', { 'max-pr-usd': '0.4', 'on-exhaust': 'skip' }, commentEvent('mona', 'MEMBER')),
      deps(store)
    )
    expect(refused.report.decision!.refusedBy).toBe('max-pr-usd')
    expect(refused.report.spend!.prevented.runs).toBe(1)
    expect(renderReport(refused.report, { variant: 'comment' })).toMatch(
      /\$[\d.]+ prevented this cycle \(1 run refused or skipped/
    )

    const s = await status(run('s'), deps(store))
    expect(s.money).toEqual({ realUsd: 0.2, notionalUsd: 0.3, unlabelledUsd: 0 })
    expect(s.byActor.map(g => [g.key, g.settledUsd, g.realUsd])).toEqual([
      ['mona', 0.3, 0],
      ['hubot', 0.2, 0.2]
    ])
    expect(s.byPr.map(g => [g.key, g.runs])).toEqual([['acme/api#12', 2]])
    expect(s.byJob.map(g => g.key)).toEqual(['acme/api/local/local/gate'])
    expect(s.prevented.runs).toBe(1)

    const focus = await exportCycle(run('e'), deps(store), 'focus')
    const [header, ...rows] = focus.trimEnd().split('\r\n')
    const spec = JSON.parse(readFileSync('reference/focus-1.2-columns.json', 'utf8')) as {
      columns: Array<{ id: string; level: string; allowsNulls: boolean }>
    }
    const columns = header.split(',')
    const mandatory = spec.columns.filter(c => c.level === 'Mandatory').map(c => c.id)
    expect(mandatory).toHaveLength(21)
    expect(mandatory.filter(c => !columns.includes(c))).toEqual([])
    // Every column written is one of the spec's, and a column that may not be null is never empty.
    expect(columns.filter(c => !spec.columns.some(s => s.id === c))).toEqual([])
    expect(columns).toEqual(FOCUS_COLUMNS)
    expect(rows).toHaveLength(2)
    const notNull = spec.columns
      .filter(c => !c.allowsNulls && columns.includes(c.id))
      .map(c => columns.indexOf(c.id))
    for (const row of rows) {
      const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map(c => c.replace(/,$/, ''))
      for (const i of notNull) expect(cells[i]).not.toBe('')
    }
    // Notional dollars are billed at 0, their API-equivalent kept as the list cost.
    expect(rows[0]).toMatch(/^0,local,local,USD,.*,0,0,Anthropic,0\.3,/)
    expect(rows[1]).toMatch(/^0\.2,.*,0\.2,0\.2,Anthropic,0\.2,/)
    expect(rows[0]).toContain('""agent-credit-gate/actor"":""mona""')

    const json = JSON.parse(await exportCycle(run('e'), deps(store), 'json'))
    expect(json.map((r: { actor: string; money: string }) => [r.actor, r.money])).toEqual([
      ['mona', 'notional'],
      ['hubot', 'real']
    ])
  })
})
