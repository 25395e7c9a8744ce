/**
 * The use cases over an in-memory ledger: what `gate`, `record` and `release` do to the money, in
 * milliseconds, with no process, network or GitHub double. The same steps run in the action and the CLI.
 */
import { describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSettings } from '../../src/config/parse.js'
import type { Settings } from '../../src/config/settings.js'
import { MemoryStore } from '../../src/store/memory.js'
import type { DocumentStore } from '../../src/store/types.js'
import { nodeFiles } from '../../src/files/files.js'
import { readCycle } from '../../src/ledger/update.js'
import { cycleAt } from '../../src/budget/cycle.js'
import { consequencesOf } from '../../src/budget/consequences.js'
import { gate } from '../../src/steps/gate.js'
import { record } from '../../src/steps/record.js'
import { release } from '../../src/steps/release.js'
import { status } from '../../src/steps/status.js'
import type { LedgerDeps } from '../../src/steps/deps.js'

const NOW = new Date('2026-11-24T12:00:00Z')
const CYCLE = cycleAt(NOW, 1)
const fixture = (name: string) => join(process.cwd(), '__tests__/fixtures', name)

/** One CI run of the gated job: its settings (run id `runId`) and a workspace for its files. */
function run(runId: string, inputs: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'acg-step-'))
  const settings: Settings = parseSettings(
    {
      prompt: 'Review the diff and report bugs.',
      model: 'claude-haiku-4-5',
      agent: 'none',
      'max-turns': '2',
      'monthly-credits': '1',
      'report-file': join(dir, 'report.json'),
      'usage-file': join(dir, 'result.json'),
      ...inputs
    },
    { GITHUB_REPOSITORY: 'acme/api', GITHUB_RUN_ID: runId },
    'cli'
  )
  return { settings, dir }
}

const deps = (store: DocumentStore, dir: string, now = NOW): LedgerDeps => ({
  now,
  files: nodeFiles(dir),
  log: () => undefined,
  store
})

async function entries(store: DocumentStore) {
  return (await readCycle(store, CYCLE)).doc?.entries ?? []
}

/** Gate a run and leave its report where record finds it, as the action's main step does. */
async function gated(store: DocumentStore, r: ReturnType<typeof run>) {
  const outcome = await gate(r.settings, deps(store, r.dir))
  writeFileSync(r.settings.reports.reportFile, JSON.stringify(outcome.report))
  return outcome
}

describe('gate', () => {
  it('holds the p90 estimate and hands back the key and the cycle', async () => {
    const store = new MemoryStore()
    const { report, holdKey, cycle } = await gated(store, run('r1'))
    expect(report.decision).toMatchObject({ decision: 'pass', allowed: true })
    expect(report.decision!.holdUsd).toBe(report.estimate.blended.p90Usd)
    // Claude's cap is all the empty cycle has left, not the hold.
    expect(report.decision).toMatchObject({
      maxBudgetUsd: report.budget!.state.remainingUsd,
      capBy: 'budget'
    })
    expect(holdKey).toBe('r1/1/acme%2Fapi/local/local/gate')
    expect(cycle).toEqual(CYCLE)
    expect(await entries(store)).toEqual([
      expect.objectContaining({ key: holdKey, status: 'held', holdUsd: report.decision!.holdUsd })
    ])
  })

  it('counts a retried gate of the same run once', async () => {
    const store = new MemoryStore()
    await gated(store, run('r1'))
    const again = await gated(store, run('r1'))
    expect(again.report.notices).toContain(
      "ledger: this run's hold already existed (already-held); nothing was counted twice"
    )
    expect(await entries(store)).toHaveLength(1)
    // The retry decides as the first try did: its own hold is not counted against it.
    expect(again.report.budget!.state.heldUsd).toBe(0)
  })

  it('never lets concurrent gates hold more than the budget', async () => {
    const store = new MemoryStore()
    const one = (await gate(run('probe').settings, deps(new MemoryStore(), tmpdir()))).report.decision!
      .gatedUsd
    const credit = (one * 3.5).toFixed(6)
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        gate(run(`c${i}`, { 'monthly-credits': credit }).settings, deps(store, tmpdir()))
      )
    )
    const allowed = outcomes.filter(o => o.report.decision!.allowed)
    expect(allowed).toHaveLength(3)
    const held = (await entries(store)).filter(e => e.status === 'held')
    expect(held.map(e => e.key).sort()).toEqual(allowed.map(o => o.holdKey).sort())
    expect(held.reduce((s, e) => s + e.holdUsd, 0)).toBeLessThanOrEqual(Number(credit))
  })

  it('writes nothing for a refused run, and on-exhaust says what the refusal does', async () => {
    for (const onExhaust of ['fail', 'skip', 'warn'] as const) {
      const store = new MemoryStore()
      const { report, holdKey } = await gated(
        store,
        run('r1', {
          'monthly-credits': '0.01',
          prompt: 'Review the diff. '.repeat(2000),
          'on-exhaust': onExhaust
        })
      )
      const c = consequencesOf(report.decision)
      expect({
        onExhaust,
        decision: report.decision!.decision,
        allowed: c.allowed,
        exit: c.exitCode,
        check: c.checkConclusion
      }).toEqual({
        onExhaust,
        decision: 'fail',
        ...{
          fail: { allowed: false, exit: 2, check: 'failure' },
          skip: { allowed: false, exit: 0, check: 'neutral' },
          warn: { allowed: true, exit: 0, check: 'neutral' }
        }[onExhaust]
      })
      // on-exhaust: warn goes on, so it holds what it may spend.
      expect((await entries(store)).length).toBe(onExhaust === 'warn' ? 1 : 0)
      expect(holdKey === undefined).toBe(onExhaust !== 'warn')
    }
  })

  it('fails closed when the ledger cannot be reached, or goes on unheld with on-ledger-error warn', async () => {
    const broken: DocumentStore = {
      describe: () => 'broken',
      locate: name => `broken:${name}`,
      read: async () => {
        throw new Error('socket hang up')
      },
      write: async () => {
        throw new Error('socket hang up')
      }
    }
    const r = run('r1')
    await expect(gate(r.settings, deps(broken, r.dir))).rejects.toThrow(
      /^ledger: socket hang up; failing closed \(on-ledger-error: fail\): the agent step must not run; no hold was written$/
    )
    const warn = run('r1', { 'on-ledger-error': 'warn' })
    const { report, holdKey } = await gate(warn.settings, deps(broken, warn.dir))
    expect(holdKey).toBeUndefined()
    expect(report.decision).toBeUndefined()
    expect(consequencesOf(report.decision).allowed).toBe(true)
    expect(report.notices.join('\n')).toContain('going on WITHOUT a hold (on-ledger-error: warn)')
  })
})

describe('record', () => {
  it("replaces the hold by Claude's actual, once", async () => {
    const store = new MemoryStore()
    const r = run('r1')
    const { holdKey, report: before } = await gated(store, r)
    copyFileSync(fixture('result-success.json'), join(r.dir, 'result.json'))
    const held = {
      holdKey: holdKey!,
      holdUsd: before.decision!.holdUsd,
      reportFile: r.settings.reports.reportFile
    }
    const { report, ledgerError } = await record(r.settings, held, deps(store, r.dir))
    expect(ledgerError).toBeUndefined()
    expect(report.phase).toBe('settled')
    expect(report.actual!.unverified).toBe(false)
    expect(report.actual!.usd).toBeCloseTo(report.actual!.claudeReportedUsd!, 12)
    const [entry] = await entries(store)
    expect(entry).toMatchObject({ status: 'settled', actualUsd: report.actual!.usd })
    expect(report.budget!.state).toMatchObject({ settledUsd: report.actual!.usd, heldUsd: 0 })
    await record(r.settings, held, deps(store, r.dir, new Date(NOW.getTime() + 60_000)))
    expect(await entries(store)).toEqual([entry])
  })

  it('keeps the hold as spent (unverified) when Claude left no result', async () => {
    const store = new MemoryStore()
    const r = run('r1')
    const { holdKey, report: before } = await gated(store, r)
    const holdUsd = before.decision!.holdUsd
    const { report } = await record(
      r.settings,
      { holdKey: holdKey!, holdUsd, reportFile: r.settings.reports.reportFile },
      deps(store, r.dir)
    )
    expect(report.actual).toEqual({ label: 'actual', usd: holdUsd, unverified: true })
    expect(report.notices.join('\n')).toContain(`agent-credit-gate release --key ${holdKey}`)
    expect(await entries(store)).toEqual([
      expect.objectContaining({ status: 'settled', unverified: true, actualUsd: holdUsd })
    ])
  })

  it('reports a ledger failure instead of throwing, with the actual and the hold kept', async () => {
    const store = new MemoryStore()
    const r = run('r1')
    const { holdKey, report: before } = await gated(store, r)
    copyFileSync(fixture('result-success.json'), join(r.dir, 'result.json'))
    const readOnly: DocumentStore = {
      describe: () => store.describe(),
      locate: name => store.locate(name),
      read: name => store.read(name),
      write: async () => {
        throw Object.assign(new Error('Resource not accessible by integration'), { status: 403 })
      }
    }
    const held = {
      holdKey: holdKey!,
      holdUsd: before.decision!.holdUsd,
      reportFile: r.settings.reports.reportFile
    }
    const { report, ledgerError } = await record(r.settings, held, deps(readOnly, r.dir))
    expect(ledgerError).toMatch(
      /was not recorded: the hold stays counted as spent until it expires \(hold-hours: 6\)$/
    )
    expect(report.ledger?.error).toBe(ledgerError)
    expect(report.actual!.unverified).toBe(false)
    expect(await entries(store)).toEqual([expect.objectContaining({ status: 'held' })])
  })
  it('records the actual without a hold, flagged, when the post step finds its hold gone', async () => {
    const store = new MemoryStore()
    const r = run('r1')
    // The hold went to another ledger (here: another store); post settles into this one.
    const { holdKey, report: before } = await gated(new MemoryStore(), r)
    copyFileSync(fixture('result-success.json'), join(r.dir, 'result.json'))
    const { report } = await record(
      r.settings,
      {
        holdKey: holdKey!,
        holdUsd: before.decision!.holdUsd,
        reportFile: r.settings.reports.reportFile
      },
      deps(store, r.dir)
    )
    expect(await entries(store)).toEqual([
      expect.objectContaining({
        key: holdKey,
        status: 'settled',
        withoutHold: true,
        actualUsd: report.actual!.usd
      })
    ])
    expect(report.notices.join('\n')).toMatch(
      /no hold for this run was found .* recorded without one, flagged/
    )
  })
})

describe('the next gate of a job', () => {
  it('learns from the run record settled: its TTL, its behaviour, and the agent prefix still cached', async () => {
    const store = new MemoryStore()
    const inputs = {
      agent: 'claude-code',
      model: 'claude-sonnet-5-5',
      'max-turns': '4',
      'monthly-credits': '20'
    }
    const first = run('r1', inputs)
    const { holdKey, report: before } = await gated(store, first)
    expect(before.assumptions.find(a => a.name === 'agent prefix on the first request')!.value).toMatch(
      /^cold/
    )
    copyFileSync(fixture('stream.jsonl'), join(first.dir, 'result.json'))
    const held = {
      holdKey: holdKey!,
      holdUsd: before.decision!.holdUsd,
      reportFile: first.settings.reports.reportFile
    }
    await record(first.settings, held, deps(store, first.dir, new Date(NOW.getTime() + 60_000)))
    expect((await entries(store))[0].behaviour).toMatchObject({
      requests: 2,
      cacheTtl: '1h',
      outputTokens: 600
    })

    const second = run('r2', inputs)
    const { report } = await gate(
      second.settings,
      deps(store, second.dir, new Date(NOW.getTime() + 3 * 60_000))
    )
    const said = (name: string) => report.assumptions.find(a => a.name === name)!
    expect(said('cache TTL')).toMatchObject({
      value: '1h',
      source: expect.stringMatching(/this job's last settled run/)
    })
    expect(said('agent prefix on the first request')).toMatchObject({
      value: expect.stringMatching(/^warm/),
      source: expect.stringMatching(/a run of claude-sonnet-5-5 was active 2 min ago, within the 1h TTL/)
    })
    expect(report.estimate.blended).toMatchObject({ source: 'blended', sampleSize: 1 })
  })
})

describe('release', () => {
  it('frees a hold whose agent step never ran; a second release fails and lists the live holds', async () => {
    const store = new MemoryStore()
    const r = run('r1')
    const { holdKey, report } = await gated(store, r)
    await gated(store, run('r2'))
    expect(await release(r.settings, { key: holdKey }, deps(store, r.dir))).toEqual({
      key: holdKey,
      run: 'run r1 acme/api gate',
      outcome: 'released',
      releasedUsd: report.decision!.holdUsd
    })
    expect((await status(r.settings, deps(store, r.dir))).state.heldUsd).toBe(report.decision!.holdUsd)
    await expect(release(r.settings, { key: holdKey }, deps(store, r.dir))).rejects.toThrow(
      /^key: run r1 acme\/api gate is released, nothing is held; live holds: run r2 acme\/api gate \$0\.\d+ \(--key r2\/1\/acme%2Fapi\/local\/local\/gate\)$/
    )
  })
  it('names a run by its run id, and a typo by what is held instead', async () => {
    const store = new MemoryStore()
    const r = run('4242')
    await gated(store, r)
    await expect(release(r.settings, { runId: '4243' }, deps(store, r.dir))).rejects.toThrow(
      /^run-id: nothing in the ledger is held under run 4243; live holds: run 4242 acme\/api gate/
    )
    expect(await release(r.settings, { runId: '4242' }, deps(store, r.dir))).toMatchObject({
      outcome: 'released'
    })
  })
})
