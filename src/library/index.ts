/**
 * The library shell: gate, cap and record from a TypeScript app (an Agent SDK app, a bot) over the same
 * steps as the CLI. `gateRun` holds the money and returns the cap for `query()`'s `maxBudgetUsd`;
 * `record` settles the hold with the SDK's own result message; `release` drops it when nothing ran.
 * Inputs are the action's, by name (`'monthly-credits'`, `model`, `ledger`…), read as the CLI reads them.
 */
import { INPUTS } from '../config/inputs.js'
import { parseSettings, type RawInputs } from '../config/parse.js'
import type { Settings } from '../config/settings.js'
import { InputError, nearest } from '../errors.js'
import { nodeFiles } from '../files/files.js'
import { openStore } from '../store/open.js'
import { consequencesOf } from '../budget/consequences.js'
import type { Decision } from '../budget/types.js'
import type { GateReport } from '../report/types.js'
import type { RecordedActual } from '../usage/types.js'
import type { LedgerDeps } from '../steps/deps.js'
import { gate } from '../steps/gate.js'
import { settleRun, type Settlement } from '../steps/record.js'
import { release as releaseStep } from '../steps/release.js'
import { capOf } from '../steps/run.js'
import { tokenFromEnv } from '../cli/args.js'

export type { GateReport } from '../report/types.js'
export type { RecordedActual } from '../usage/types.js'
export type { Decision } from '../budget/types.js'

/** What `gateRun` takes. */
export interface GateOptions {
  /**
   * Action inputs by name, as strings or numbers: `prompt`, `model`, `'monthly-credits'`, `ledger`
   * (`file:PATH`, or `owner/repo` for the GitHub ledger with GH_TOKEN/GITHUB_TOKEN from `env`)…
   */
  inputs: Record<string, string | number | undefined>
  /** The run's id: a retried gate with the same id holds once (default: a new id per call). */
  runId?: string
  /** Where relative paths are read from (default: process.cwd()). */
  cwd?: string
  /** The environment (default: process.env): GH_TOKEN, GITHUB_* job identity. */
  env?: NodeJS.ProcessEnv
  /** The clock (tests, replays). */
  now?: () => Date
}

/**
 * The result message of a Claude Code / Agent SDK run (`SDKResultMessage` from
 * @anthropic-ai/claude-agent-sdk, or a `--output-format json` result): what `record` prices.
 */
export interface ResultMessage {
  type: 'result'
  subtype: string
  total_cost_usd?: number
  num_turns?: number
  usage?: object
  modelUsage?: object
}

/** What `record` did. */
export interface Recorded {
  /** `settled`, or `not-recorded` when the ledger could not be written (the hold then counts as spent). */
  outcome: Settlement['outcome']
  /** The recorded actual: the usage priced with our table (Claude's own figure beside it). */
  actual: RecordedActual
  notices: string[]
  /** Set when the ledger failed: the actual was not recorded. */
  ledgerError?: string
}

/** A gated run: whether it may go on, its cap, and how to record or release it. */
export interface GatedRun {
  /** Whether the agent may run (false: refused, per on-exhaust skip or fail). */
  allowed: boolean
  /** The cap to hand the agent: `query({ options: { maxBudgetUsd } })`, Claude's `--max-budget-usd`. */
  maxBudgetUsd?: number
  /** USD held in the ledger for this run. */
  holdUsd?: number
  /** The ledger key of the hold (undefined: nothing was held). */
  key?: string
  decision?: Decision
  /** The gate's full report (estimate, budget, notices). */
  report: GateReport
  /** Settle the hold with the run's result message (the SDK's `type: 'result'` message). */
  record: (result: ResultMessage) => Promise<Recorded>
  /** Drop the hold: the agent never ran. */
  release: () => Promise<void>
}

function rawInputs(inputs: GateOptions['inputs']): RawInputs {
  const names = INPUTS.map(i => i.name)
  const raw: RawInputs = {}
  for (const [name, value] of Object.entries(inputs)) {
    if (!names.includes(name)) {
      const [guess] = nearest(name, names, 1, Math.max(2, Math.floor(name.length / 3)))
      throw new InputError([
        `inputs: ${JSON.stringify(name)} is not an input${guess ? `; did you mean ${JSON.stringify(guess)}?` : ''} (README lists them)`
      ])
    }
    if (value !== undefined) raw[name] = String(value)
  }
  return raw
}

function depsFor(settings: Settings, options: GateOptions): LedgerDeps {
  const cwd = options.cwd ?? process.cwd()
  const where = settings.ledger.location
  if (where.kind === 'github' && !settings.ledger.token)
    throw new InputError([
      'ledger-token: the github ledger needs a token with contents: write: set GH_TOKEN or GITHUB_TOKEN, or the ledger-token input'
    ])
  const store = openStore(where, { token: settings.ledger.token, apiUrl: settings.github.apiUrl })
  return {
    now: (options.now ?? (() => new Date()))(),
    files: nodeFiles(cwd),
    log: () => undefined,
    store
  }
}

/** Estimate, check the budget and hold the money; returns the cap and how to record the run. */
export async function gateRun(options: GateOptions): Promise<GatedRun> {
  const env = { ...(options.env ?? process.env) }
  const raw = rawInputs(options.inputs)
  if (raw['github-token'] === undefined && raw['ledger-token'] === undefined) {
    const token = tokenFromEnv(env)
    if (token) raw['github-token'] = token
  }
  if (options.runId) env.GITHUB_RUN_ID = options.runId
  env.GITHUB_RUN_ID ||= `local-${Date.now().toString(36)}`
  const settings = parseSettings(raw, env, 'cli')
  const deps = depsFor(settings, options)
  const gated = await gate(settings, deps)
  const decision = gated.report.decision
  const allowed = consequencesOf(decision).allowed
  const key = gated.holdKey
  const { capUsd, holdUsd } = capOf(decision)
  // A later instant for the settlement: the run took time.
  const later = (): LedgerDeps => ({ ...deps, now: (options.now ?? (() => new Date()))() })
  return {
    allowed,
    maxBudgetUsd: allowed ? capUsd : undefined,
    holdUsd: key ? holdUsd : undefined,
    key,
    decision,
    report: gated.report,
    async record(result) {
      if (!key)
        return {
          outcome: 'not-recorded',
          actual: { label: 'actual', usd: 0, unverified: true },
          notices: ['nothing was held for this run (see the gate report), so nothing was recorded']
        }
      const s = await settleRun(
        settings,
        { key, holdUsd: holdUsd ?? 0, cycle: gated.cycle },
        later(),
        'post',
        {
          captured: {
            usage: { kind: 'file', path: 'the result message', text: JSON.stringify(result) },
            partialOk: false
          }
        }
      )
      return { outcome: s.outcome, actual: s.actual, notices: s.notices, ledgerError: s.ledgerError }
    },
    async release() {
      if (key) await releaseStep(settings, { key }, later(), gated.cycle)
    }
  }
}
