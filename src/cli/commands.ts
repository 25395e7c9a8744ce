/**
 * The CLI's commands: one run function each, naming the step it runs. A command builds the step's deps
 * from the CLI's Io, runs the step, prints text or JSON, and returns the exit code. What each command
 * takes is in spec.ts.
 */

import { entryKey } from '../ledger/operations.js'
import type { RunTarget } from '../ledger/runs.js'
import { consequencesOf } from '../budget/consequences.js'
import { renderReport } from '../report/markdown.js'
import type { GateReport } from '../report/types.js'
import { nodeFiles } from '../files/files.js'
import { clockFrom } from '../config/clock.js'
import { requireFolder, requireWritableFile } from '../files/folder.js'
import { openStore } from '../store/open.js'
import type { LedgerDeps, StepDeps } from '../steps/deps.js'
import { estimate } from '../steps/estimate.js'
import { gate } from '../steps/gate.js'
import { status } from '../steps/status.js'
import { release } from '../steps/release.js'
import { completeReport, reportOfRun, settleRun } from '../steps/record.js'
import { cost } from '../steps/cost.js'
import { tokens } from '../steps/tokens.js'
import { lastReport } from '../steps/report.js'
import { exportCycle } from '../steps/export.js'
import type { ExportFormat } from '../report/export.js'
import { run } from '../steps/run.js'
import { copyLedger } from '../steps/copy.js'
import type { Settings } from '../config/settings.js'
import { InputError } from '../errors.js'
import type { Command, CliInvocation } from './args.js'
import type { Io } from './io.js'
import { nodeProcesses } from './child.js'
import { renderCostText, renderEstimateText, renderStatusText, renderTokensText } from './render.js'
import { renderReleaseText, renderSettlementText, settlementJson } from './render-record.js'

const json = (value: unknown) => JSON.stringify(value, null, 2)

function stepDeps(io: Io): StepDeps {
  // AGENT_CREDIT_GATE_NOW pins the clock (replays, tests), as it does in the action.
  const now = io.env.AGENT_CREDIT_GATE_NOW ? clockFrom(io.env)() : io.now()
  return { now, files: nodeFiles(io.cwd), log: () => undefined, runnerTemp: io.env.RUNNER_TEMP }
}

function ledgerDeps(inv: CliInvocation, io: Io): LedgerDeps {
  return { ...stepDeps(io), store: ledgerStore(inv, inv.settings.ledger, io) }
}

function ledgerStore(inv: CliInvocation, ledger: Settings['ledger'], io: Io) {
  const { settings } = inv
  const where = ledger.location
  // Only the default ledger's folder is made on first use: a mistyped --ledger file: path would
  // otherwise open a new, empty account and show a fresh budget.
  if (where.kind === 'file' && inv.flags.ledgerGiven)
    requireFolder(where.path, io.cwd, 'ledger', 'a new folder would start a new, empty account')
  if (where.kind === 'github' && !ledger.token) {
    throw new InputError([
      'ledger-token: the github ledger needs a token with contents: write: set GH_TOKEN or GITHUB_TOKEN (read as gh reads them), or --ledger-token; or use --ledger file:PATH'
    ])
  }
  return openStore(where, {
    token: ledger.token,
    url: ledger.url,
    apiUrl: settings.github.apiUrl,
    tuning: io.github
  })
}

/** The run `release` and `record` act on: --key, or the run of --run-id (and --job). */
function targetOf(inv: CliInvocation): RunTarget {
  const { key, runId, job, explicitRun } = inv.flags
  if (key) return { key }
  if (explicitRun && runId !== undefined) return { key: entryKey(inv.settings.job), runId, job }
  throw new InputError([
    `key: ${inv.command} needs --run-id ID (the run's id, as agent-credit-gate status lists it) or --key K`
  ])
}

/**
 * The report file a command will write, checked before the step runs: a folder or an unwritable path
 * found after the gate would leave a hold in the ledger behind an error.
 */
function checkReportFile(inv: CliInvocation, io: Io): void {
  if (inv.flags.writeReport) requireWritableFile(inv.settings.reports.reportFile, io.cwd, 'report-file')
}

/**
 * Print the report, and write it where the `report` command (and `record`) find it when asked to
 * (--report-file) or under a runner (RUNNER_TEMP): a local command leaves no file behind unasked.
 */
async function show(report: GateReport, inv: CliInvocation, deps: StepDeps, io: Io): Promise<void> {
  if (inv.flags.writeReport)
    await deps.files.write(inv.settings.reports.reportFile, JSON.stringify(report, null, 2) + '\n')
  io.out(inv.flags.json ? json(report) : renderEstimateText(report, { explicitRun: inv.flags.explicitRun }))
}

export const RUN: Record<Command, (inv: CliInvocation, io: Io) => Promise<number>> = {
  async estimate(inv, io) {
    checkReportFile(inv, io)
    const deps = stepDeps(io)
    await show(await estimate(inv.settings, deps), inv, deps, io)
    return 0
  },
  async gate(inv, io) {
    checkReportFile(inv, io)
    const deps = ledgerDeps(inv, io)
    const { report } = await gate(inv.settings, deps)
    await show(report, inv, deps, io)
    return report.decision ? consequencesOf(report.decision).exitCode : 0
  },
  async run(inv, io) {
    checkReportFile(inv, io)
    // The command writes its usage file: a path it cannot write there is known before anything is held.
    const { usageFile } = inv.settings.reports
    if (usageFile) requireWritableFile(usageFile, io.cwd, 'usage-file')
    const deps = ledgerDeps(inv, io)
    const processes = io.processes ?? nodeProcesses(io.env, io.cwd, chunk => io.out(chunk.toString('utf8')))
    const announce = (lines: string[]) => lines.forEach(l => io.err(`agent-credit-gate: ${l}`))
    const r = await run(inv.settings, { argv: inv.child }, { ...deps, ...processes, announce })
    // stdout is the command's: everything run says goes to stderr.
    const report = r.settlement ? completeReport(inv.settings, r.gate, r.settlement, deps) : r.gate
    // The command ran: its exit code is the answer, so a report that cannot be written is a warning.
    if (inv.flags.writeReport)
      await deps.files
        .write(inv.settings.reports.reportFile, JSON.stringify(report, null, 2) + '\n')
        .catch((error: Error) => r.warnings.push(error.message))
    // What was said before the command started is not said again.
    if (r.announced === 0) for (const n of r.gate.notices) io.err(`agent-credit-gate: ${n}`)
    for (const n of r.notes.slice(r.announced)) io.err(`agent-credit-gate: ${n}`)
    if (r.settlement)
      io.err(renderSettlementText(r.settlement, deps.now).replace(/^/gm, 'agent-credit-gate: '))
    for (const w of r.warnings) io.err(`agent-credit-gate: warning: ${w}`)
    return r.exitCode
  },
  async status(inv, io) {
    const s = await status(inv.settings, ledgerDeps(inv, io))
    io.out(inv.flags.json ? json(s) : renderStatusText(s))
    return 0
  },
  async release(inv, io) {
    const r = await release(inv.settings, targetOf(inv), ledgerDeps(inv, io))
    io.out(inv.flags.json ? json(r) : renderReleaseText(r))
    return 0
  },
  async record(inv, io) {
    checkReportFile(inv, io)
    const deps = ledgerDeps(inv, io)
    const s = await settleRun(inv.settings, targetOf(inv), deps, 'cli', { replace: inv.flags.replace })
    // The report file is shared by every local gate: complete it only when it is this run's report.
    const report = inv.flags.writeReport
      ? await reportOfRun(inv.settings.reports.reportFile, s.key, deps)
      : undefined
    if (report && s.outcome !== 'already-settled')
      await deps.files.write(
        inv.settings.reports.reportFile,
        JSON.stringify(completeReport(inv.settings, report, s, deps), null, 2) + '\n'
      )
    io.out(inv.flags.json ? json(settlementJson(s, deps.now)) : renderSettlementText(s, deps.now))
    if (s.ledgerError) {
      io.err(`agent-credit-gate: ${s.ledgerError}`)
      return 1
    }
    // A model the price table lacks: the hold stands as spent, which is not this run's actual.
    if (s.actual.unverified && s.outcome !== 'already-settled') {
      io.err(
        `agent-credit-gate: ${s.key ? `${s.run}: ` : ''}recorded the hold as spent (unverified), not a priced actual; ` +
          'record the same file again with --pricing-file naming a table that prices its model to correct it'
      )
      return 1
    }
    // A second, different figure for a settled run was not recorded: the caller asked for something that did not happen.
    const kept = s.entry?.actualUsd
    return s.outcome === 'already-settled' && (kept === undefined || Math.abs(kept - s.actual.usd) >= 5e-7)
      ? 1
      : 0
  },
  async cost(inv, io) {
    const c = await cost(inv.settings, stepDeps(io))
    io.out(inv.flags.json ? json(c) : renderCostText(c))
    return 0
  },
  async tokens(inv, io) {
    const deps = stepDeps(io)
    const text = inv.flags.file ? await deps.files.read(inv.flags.file, 'file') : await io.stdin()
    const t = await tokens(inv.settings, text, deps)
    io.out(inv.flags.json ? json(t) : renderTokensText(t))
    return 0
  },
  async ledger(inv, io) {
    const from = ledgerStore(inv, inv.settings.ledger, io)
    const to = ledgerStore(inv, inv.flags.copyTo!, io)
    try {
      const r = await copyLedger(from, to)
      io.out(
        inv.flags.json
          ? json(r)
          : [
              `copied ${r.cycles.filter(c => !c.alreadyThere).length} cycle(s) from ${r.from} to ${r.to}:`,
              ...r.cycles.map(
                c =>
                  `  ${c.cycle}: ${c.entries} entries, $${c.settledUsd.toFixed(4)} recorded actuals${c.alreadyThere ? ' (there already, identical: kept)' : ''}`
              ),
              ...(r.resetDay ? [`  reset day: ${r.resetDay}`] : [])
            ].join('\n')
      )
      return 0
    } finally {
      await Promise.all([from.close?.(), to.close?.()])
    }
  },
  async report(inv, io) {
    if (!inv.flags.writeReport)
      throw new InputError([
        'report-file: the CLI writes a report file only when asked: run gate (or estimate) with --report-file PATH, then report --report-file PATH (under a runner, $RUNNER_TEMP holds it)'
      ])
    const r = await lastReport(inv.settings, stepDeps(io))
    io.out(inv.flags.format === 'json' ? json(r) : renderReport(r, { variant: 'summary' }))
    return 0
  },
  async export(inv, io) {
    const text = await exportCycle(inv.settings, ledgerDeps(inv, io), inv.flags.format as ExportFormat)
    io.out(text.replace(/\r?\n$/, ''))
    return 0
  }
}
