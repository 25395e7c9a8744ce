/**
 * What each CLI command takes: the action inputs that matter to it (as `--name value` flags) and the
 * CLI's own flags. A flag that would not change what a command does is not one of its flags, so a typo
 * or a misplaced flag is an error instead of a silent no-op. `<command> --help` is generated from this.
 */
import { INPUTS } from '../config/inputs.js'
import { SPEND_LIMIT_INPUTS } from '../ledger/spend-limits.js'

export const COMMANDS = [
  'estimate',
  'gate',
  'run',
  'status',
  'release',
  'record',
  'cost',
  'tokens',
  'report',
  'ledger',
  'export'
] as const
export type Command = (typeof COMMANDS)[number]

/** The CLI's own flags (not action inputs): how it prints, which run it speaks for. */
export const CLI_FLAGS = {
  context: {
    flags: '--context <globs...>',
    help: "glob(s) of files the agent loads up front, repeatable (= context-files); quote a glob (--context 'src/**/*.ts') to match subfolders, or pass the files themselves"
  },
  key: { flags: '--key <key>', help: 'the ledger entry to act on, as agent-credit-gate status lists it' },
  'run-id': {
    flags: '--run-id <id>',
    help: 'the run: its id (GITHUB_RUN_ID, or the id a local gate was given); a retried gate with the same id holds once'
  },
  job: {
    flags: '--job <name>',
    help: 'with --run-id: the job or step of that run, when the run gated more than one'
  },
  file: { flags: '--file <path>', help: 'the text to count (default: stdin)' },
  format: {
    flags: '--format <format>',
    help: 'report: markdown (default) or json; export: focus (default), csv or json'
  },
  json: { flags: '--json', help: 'print JSON instead of text' },
  from: {
    flags: '--from <ledger>',
    help: 'ledger copy: the ledger to copy from: github:OWNER/REPO, file:PATH, postgres or postgres:NAME'
  },
  to: {
    flags: '--to <ledger>',
    help: 'ledger copy: the ledger to copy into (a cycle it holds already must be identical to the source’s)'
  },
  replace: {
    flags: '--replace',
    help: "correct a run already settled: record this file's figure in its place (the entry keeps the earlier one in its corrections)"
  }
} as const
export type CliFlag = keyof typeof CLI_FLAGS

/** Inputs by what they are about; an input no group names (a new one) is an estimate input. */
const BUDGET = ['plan', 'monthly-credits', 'billing-cycle-day', 'overage', 'external-spend']
const DECISION = ['warn-at', 'gate-on', 'max-run-usd', 'on-exhaust']
/** Limits beside the monthly budget, who may spend, alerts (the webhook comes from the environment). */
const LIMITS = [
  ...SPEND_LIMIT_INPUTS,
  'actor-period',
  'allowed-associations',
  'budget-applies-to',
  'alert-at'
]
/** Inputs the CLI reads from an environment variable, never a flag (a secret in argv is in `ps`). */
export const FROM_ENV = INPUTS.filter(i => i.cliEnv).map(i => ({ name: i.name, env: i.cliEnv as string }))
const LEDGER = ['ledger', 'ledger-repository', 'ledger-ref', 'ledger-token', 'github-token']
const LEDGER_WRITES = ['hold-hours', 'on-ledger-error']
/** Inputs only the action uses: the CLI posts no comment or check run. */
export const ACTION_ONLY = ['comment', 'comment-tag', 'check-name', 'ledger-url']
const NOT_ESTIMATE = new Set([
  ...BUDGET,
  ...DECISION,
  ...LIMITS,
  ...FROM_ENV.map(i => i.name),
  ...LEDGER,
  ...LEDGER_WRITES,
  ...ACTION_ONLY,
  'usage-file',
  'report-file',
  'job-key'
])
const ESTIMATE = INPUTS.map(i => i.name).filter(n => !NOT_ESTIMATE.has(n))
const PRICES = ['pricing-file']

export interface CommandSpec {
  /** One line for the command list. */
  summary: string
  /** The action inputs it takes as flags. */
  inputs: string[]
  flags: CliFlag[]
}

export const SPECS: Record<Command, CommandSpec> = {
  estimate: {
    summary: 'what the agent step will cost (p50 / p90 / max), no ledger',
    inputs: [...ESTIMATE, 'report-file'],
    flags: ['context', 'json']
  },
  gate: {
    summary: 'estimate, check the credit, hold the money in the ledger',
    inputs: [
      ...ESTIMATE,
      ...BUDGET,
      ...DECISION,
      ...LIMITS,
      ...LEDGER,
      ...LEDGER_WRITES,
      'report-file',
      'job-key'
    ],
    flags: ['context', 'run-id', 'json']
  },
  run: {
    summary:
      "gate, run the command after -- with the cap handed over, record what it spent; exits with the command's code",
    inputs: [
      ...new Set([
        ...ESTIMATE,
        ...BUDGET,
        ...DECISION,
        // run gates exactly as gate does: the same limits, who may spend, alerts.
        ...LIMITS,
        ...LEDGER,
        ...LEDGER_WRITES,
        ...PRICES,
        'usage-file',
        'report-file',
        'job-key'
      ])
    ],
    flags: ['context', 'run-id']
  },
  status: {
    summary: 'this cycle: credit, spent, held, remaining, runway, spend by person, job and PR',
    inputs: [...BUDGET, 'budget-applies-to', ...LEDGER],
    flags: ['json']
  },
  release: {
    summary: 'drop a hold whose agent step never ran (--run-id ID or --key K)',
    inputs: ['billing-cycle-day', ...LEDGER, 'job-key'],
    flags: ['key', 'run-id', 'job', 'json']
  },
  record: {
    summary: "settle a hold with Claude's result file (--usage-file F, --run-id ID or --key K)",
    inputs: [...BUDGET, ...LEDGER, ...LEDGER_WRITES, ...PRICES, 'usage-file', 'report-file', 'job-key'],
    flags: ['key', 'run-id', 'job', 'replace', 'json']
  },
  cost: {
    summary: 'price a Claude result file or a usage log of API responses, no ledger (--usage-file F)',
    inputs: [...PRICES, 'usage-file'],
    flags: ['json']
  },
  tokens: {
    summary: 'count tokens of --file F or stdin for --model M',
    inputs: ['model', ...PRICES],
    flags: ['file', 'json']
  },
  report: {
    summary: 'the report the last gate wrote (--format markdown|json)',
    inputs: ['report-file'],
    flags: ['format']
  },
  ledger: {
    summary: 'ledger copy --from L --to L: move every cycle, entry and meter to another ledger',
    inputs: ['ledger-ref', 'ledger-token', 'github-token'],
    flags: ['from', 'to', 'json']
  },
  export: {
    summary: "this cycle's settled runs for FinOps tools (--format focus|csv|json)",
    inputs: ['billing-cycle-day', ...LEDGER],
    flags: ['format']
  }
}
