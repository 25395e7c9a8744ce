/**
 * The CLI's commands: one row each, naming the step it runs. A command builds the step's deps from
 * the CLI's Io, runs the step, prints text or JSON, and returns the exit code.
 */
import type { Settings } from '../config/settings.js'
import { entryKey } from '../ledger/operations.js'
import { consequencesOf } from '../budget/consequences.js'
import { renderReport } from '../report/markdown.js'
import type { GateReport } from '../report/types.js'
import { nodeFiles } from '../files/files.js'
import { openStore } from '../store/open.js'
import type { LedgerDeps, StepDeps } from '../steps/deps.js'
import { estimate } from '../steps/estimate.js'
import { gate } from '../steps/gate.js'
import { status } from '../steps/status.js'
import { release } from '../steps/release.js'
import { record } from '../steps/record.js'
import { cost } from '../steps/cost.js'
import { tokens } from '../steps/tokens.js'
import { lastReport } from '../steps/report.js'
import { InputError } from '../errors.js'
import type { Command, CliInvocation } from './args.js'
import type { Io } from './io.js'
import { renderCostText, renderEstimateText, renderStatusText, renderTokensText } from './render.js'

interface CommandSpec {
  /** One line for the command list. */
  summary: string
  run: (inv: CliInvocation, io: Io) => Promise<number>
}

const json = (value: unknown) => JSON.stringify(value, null, 2)

function stepDeps(io: Io): StepDeps {
  return { now: io.now(), files: nodeFiles(io.cwd), log: () => undefined, runnerTemp: io.env.RUNNER_TEMP }
}

function ledgerDeps(settings: Settings, io: Io): LedgerDeps {
  const store = openStore(settings.ledger.location, {
    token: settings.ledger.token,
    apiUrl: settings.github.apiUrl,
    tuning: io.github
  })
  return { ...stepDeps(io), store }
}

/** The ledger key `release` and `record` act on: --key, or the key of the run named by --run-id. */
function keyOf(inv: CliInvocation): string {
  if (inv.flags.key) return inv.flags.key
  if (inv.flags.explicitRun) return entryKey(inv.settings.job)
  throw new InputError([`key: ${inv.command} needs --key K (see agent-credit-gate status) or --run-id ID`])
}

/** Write the report where the `report` command (and `record`) find it, and print it. */
async function show(report: GateReport, inv: CliInvocation, deps: StepDeps, io: Io): Promise<void> {
  await deps.files.write(inv.settings.reports.reportFile, JSON.stringify(report, null, 2) + '\n')
  io.out(inv.flags.json ? json(report) : renderEstimateText(report))
}

export const COMMAND_TABLE: Record<Command, CommandSpec> = {
  estimate: {
    summary: 'what the agent step will cost (p50 / p90 / max), no ledger',
    async run(inv, io) {
      const deps = stepDeps(io)
      await show(await estimate(inv.settings, deps), inv, deps, io)
      return 0
    }
  },
  gate: {
    summary: 'estimate, check the credit, hold the money in the ledger',
    async run(inv, io) {
      const deps = ledgerDeps(inv.settings, io)
      const { report } = await gate(inv.settings, deps)
      await show(report, inv, deps, io)
      return report.decision ? consequencesOf(report.decision).exitCode : 0
    }
  },
  status: {
    summary: 'this cycle: credit, spent, held, remaining, runway, last entries',
    async run(inv, io) {
      const s = await status(inv.settings, ledgerDeps(inv.settings, io))
      io.out(inv.flags.json ? json(s) : renderStatusText(s))
      return 0
    }
  },
  release: {
    summary: 'drop a hold (--key K): the agent step never ran',
    async run(inv, io) {
      const r = await release(inv.settings, keyOf(inv), ledgerDeps(inv.settings, io))
      io.out(inv.flags.json ? json(r) : `release ${r.key}: ${r.outcome}`)
      return 0
    }
  },
  record: {
    summary: "settle a hold with Claude's result file (--usage-file F)",
    async run(inv, io) {
      const key = keyOf(inv)
      const deps = ledgerDeps(inv.settings, io)
      const held = { holdKey: key, holdUsd: 0, reportFile: inv.settings.reports.reportFile }
      const { report, ledgerError } = await record(inv.settings, held, deps)
      await deps.files.write(inv.settings.reports.reportFile, JSON.stringify(report, null, 2) + '\n')
      io.out(inv.flags.json ? json(report.actual) : renderEstimateText(report))
      if (!ledgerError) return 0
      io.err(`agent-credit-gate: ${ledgerError}`)
      return 1
    }
  },
  cost: {
    summary: 'price a Claude result file, no ledger (--usage-file F)',
    async run(inv, io) {
      const c = await cost(inv.settings, stepDeps(io))
      io.out(inv.flags.json ? json(c) : renderCostText(c))
      return 0
    }
  },
  tokens: {
    summary: 'count tokens of --file F or stdin for --model M',
    async run(inv, io) {
      const deps = stepDeps(io)
      const text = inv.flags.file ? await deps.files.read(inv.flags.file, 'file') : await io.stdin()
      const t = await tokens(inv.settings, text, deps)
      io.out(inv.flags.json ? json(t) : renderTokensText(t))
      return 0
    }
  },
  report: {
    summary: 'the report of the last gate from the local ledger (--format markdown|json)',
    async run(inv, io) {
      const r = await lastReport(inv.settings, stepDeps(io))
      io.out(inv.flags.format === 'json' ? json(r) : renderReport(r, { variant: 'summary' }))
      return 0
    }
  }
}

export const USAGE = `usage: agent-credit-gate <command> [flags]

commands:
${Object.entries(COMMAND_TABLE)
  .map(([name, c]) => `  ${name.padEnd(9)}  ${c.summary}`)
  .join('\n')}

flags: every action input as --name value (see the README), plus
  --context GLOB (repeatable, = context-files)   --ledger file:PATH | github:OWNER/REPO
  --key K   --run-id ID   --json   --file F   --format markdown|json   --help`
