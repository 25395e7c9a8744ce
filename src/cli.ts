/** The CLI shell: `agent-credit-gate <command> [flags]`, over the same pipeline as the action. */
import { readNamedFile } from './gather.js'
import { parseCli, USAGE, type CliInvocation } from './config/cli-args.js'
import { InputError } from './config/parse.js'
import {
  estimateGate,
  estimateOnly,
  ledgerStatus,
  recordActual,
  usageFilePath,
  type StepEnv
} from './pipeline.js'
import { openStore } from './open-store.js'
import { updateLedger } from './ledger/store.js'
import { entryKey, release } from './ledger/operations.js'
import { cycleAt } from './budget/cycle.js'
import { loadPriceTable } from './load-pricing.js'
import { resolveModel } from './pricing/table.js'
import { parseClaudeOutput } from './usage/parse.js'
import { priceRun } from './usage/cost.js'
import { countTokens } from './tokens/index.js'
import { writeReportFile } from './publish.js'
import { renderReport } from './report/markdown.js'
import { renderEstimateText, renderStatusText } from './report/cli-table.js'
import type { GateReport } from './report/types.js'
import type { ClientTuning } from './github/client.js'
import { describeError } from './github/errors.js'

interface Io {
  out: (text: string) => void
  err: (text: string) => void
  stdin: () => Promise<string>
  env: NodeJS.ProcessEnv
  cwd: string
  now: () => Date
  /** How the GitHub client times out and waits (tests shrink it). */
  github?: ClientTuning
}

const defaultIo: Io = {
  out: t => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: t => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  stdin: async () => {
    const chunks: Buffer[] = []
    for await (const c of process.stdin) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date()
}

const json = (value: unknown) => JSON.stringify(value, null, 2)

/** The ledger key `release` and `record` act on: --key, or the key of the run named by --run-id. */
function keyOf(inv: CliInvocation): string {
  if (inv.flags.key) return inv.flags.key
  if (inv.flags.explicitRun) return entryKey(inv.settings.job)
  throw new InputError([`key: ${inv.command} needs --key K (see agent-credit-gate status) or --run-id ID`])
}

async function command(inv: CliInvocation, io: Io): Promise<number> {
  const { settings, flags } = inv
  const env: StepEnv = {
    now: io.now(),
    cwd: io.cwd,
    log: () => undefined,
    runnerTemp: io.env.RUNNER_TEMP,
    github: io.github
  }
  switch (inv.command) {
    case 'estimate': {
      const report = await estimateOnly(settings, env)
      await writeReportFile(settings.reports.reportFile, report)
      io.out(flags.json ? json(report) : renderEstimateText(report))
      return 0
    }
    case 'gate': {
      const { report } = await estimateGate(settings, env)
      await writeReportFile(settings.reports.reportFile, report)
      io.out(flags.json ? json(report) : renderEstimateText(report))
      const d = report.decision
      // Like the action: a refused run exits non-zero only when on-exhaust is fail.
      return d && !d.allowed && d.onExhaust === 'fail' ? 2 : 0
    }
    case 'status': {
      const status = await ledgerStatus(settings, env)
      io.out(flags.json ? json(status) : renderStatusText(status))
      return 0
    }
    case 'release': {
      const key = keyOf(inv)
      const store = openStore(settings, env.log, env.github)
      const cycle = cycleAt(env.now, settings.budget.billingCycleDay)
      const { result } = await updateLedger(store, cycle, doc => {
        const r = release(doc, key, env.now)
        return { doc: r.doc, result: r.outcome }
      }).catch(error => {
        throw new Error(`ledger: ${describeError(error)}; nothing was released: run the command again`)
      })
      io.out(flags.json ? json({ key, outcome: result }) : `release ${key}: ${result}`)
      return 0
    }
    case 'record': {
      const key = keyOf(inv)
      const report = await recordActual(
        settings,
        { holdKey: key, holdUsd: 0, reportFile: settings.reports.reportFile, cycle: undefined },
        env
      )
      await writeReportFile(settings.reports.reportFile, report)
      io.out(flags.json ? json(report.actual) : renderEstimateText(report))
      return 0
    }
    case 'cost': {
      const path = usageFilePath(settings, env)
      const table = await loadPriceTable(settings.estimate.pricingFile)
      const text = await readNamedFile(path, 'usage-file')
      const parsed = parseClaudeOutput(text, path)
      const run = priceRun(table, parsed)
      const out = {
        format: parsed.format,
        usd: run.usd,
        claudeReportedUsd: run.claudeReportedUsd,
        mismatch: run.mismatch ?? null,
        byModel: run.byModel,
        subtype: run.subtype,
        isError: run.isError,
        turns: run.turns,
        priceTableAsOf: table.asOf,
        label:
          'actual: Claude usage priced with our table; claudeReportedUsd is Claude’s API-equivalent figure'
      }
      io.out(
        flags.json
          ? json(out)
          : `${path}: $${run.usd.toFixed(4)} (our price table ${table.asOf})` +
              (run.claudeReportedUsd !== undefined
                ? `; Claude reported $${run.claudeReportedUsd.toFixed(4)}`
                : '') +
              (run.mismatch ? `\n${run.mismatch}` : '')
      )
      return 0
    }
    case 'tokens': {
      const table = await loadPriceTable(settings.estimate.pricingFile)
      const model = resolveModel(table, settings.estimate.model)
      const text = flags.file ? await readNamedFile(flags.file, 'file') : await io.stdin()
      const c = countTokens(text, model.tokenizer)
      io.out(
        flags.json
          ? json({ model: model.id, family: c.family, tokens: c.tokens, low: c.low, high: c.high })
          : `${c.tokens} tokens (${c.low}–${c.high}) for ${model.id}, tokenizer family ${c.family}`
      )
      return 0
    }
    case 'report': {
      const path = settings.reports.reportFile
      const text = await readNamedFile(path, 'report-file', 'run agent-credit-gate gate first')
      const report = JSON.parse(text) as GateReport
      io.out(flags.format === 'json' ? json(report) : renderReport(report, { variant: 'summary' }))
      return 0
    }
  }
}

/** Run the CLI; returns the exit code (0 ok, 1 error, 2 refused by the gate with on-exhaust fail). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE)
    return argv.length === 0 ? 1 : 0
  }
  try {
    return await command(parseCli(argv, io.env), io)
  } catch (error) {
    const lines = error instanceof InputError ? error.problems : [(error as Error).message ?? String(error)]
    for (const line of lines) io.err(`agent-credit-gate: ${line}`)
    return 1
  }
}
