/**
 * argv → the same Settings the action builds, plus the CLI's own flags. Parsed with commander, which
 * gives each command its own flags and help, suggests the flag a typo meant, and takes every value after
 * `--context` (so a glob the shell expanded is read as the files it expanded to).
 */
import { Command as Program, CommanderError } from 'commander'
import { INPUTS } from '../config/inputs.js'
import { parseSettings, type RawInputs, type SettingsEnv } from '../config/parse.js'
import type { Settings } from '../config/settings.js'
import { InputError, nearest } from '../errors.js'
import { ACTION_ONLY, CLI_FLAGS, COMMANDS, FROM_ENV, SPECS, type Command, type CliFlag } from './spec.js'
import pkg from '../../package.json' with { type: 'json' }
import { triggerFrom } from '../config/trigger.js'
import { EXPORT_FORMATS, type ExportFormat } from '../report/export.js'
import { readFileSync } from 'node:fs'

export { COMMANDS, type Command } from './spec.js'

/** Flags that are not action inputs: how the CLI prints and which run it speaks for. */
export interface CliFlags {
  json: boolean
  /** Ledger key to release / record against. */
  key?: string
  /** The run named by --run-id (or GITHUB_RUN_ID in a runner). */
  runId?: string
  /** With --run-id: the job or step of the run. */
  job?: string
  /** Input file for `tokens` (stdin when absent). */
  file?: string
  /** `report --format` (markdown, json) or `export --format` (focus, csv, json). */
  format: 'markdown' | 'json' | ExportFormat
  /** Whether the run id came from --run-id or GITHUB_RUN_ID (not made up for this invocation). */
  explicitRun: boolean
  /** Whether --ledger was given (only the default ledger's folder is created when missing). */
  ledgerGiven: boolean
  /** `ledger copy`: where the copy goes (the source is `settings.ledger`). */
  copyTo?: Settings['ledger']
  /** `record --replace`: correct a settled run's figure. */
  replace: boolean
  /** Write the JSON report file: --report-file was given, or the CLI runs under a runner (RUNNER_TEMP). */
  writeReport: boolean
}

export interface CliInvocation {
  command: Command
  settings: Settings
  flags: CliFlags
  /** What the CLI says on stderr before it runs (how it read the arguments). */
  notes: string[]
  /** `run`: the command and its arguments, everything after the first `--`. */
  child: string[]
}

/** Either a command to run, or text to print (help) and the exit code. */
export type Parsed =
  { kind: 'run'; invocation: CliInvocation } | { kind: 'print'; text: string; code: number }

const NAME = 'agent-credit-gate'
const SECRET = new Set(INPUTS.filter(i => i.secret).map(i => i.name))

/**
 * The token GitHub's own CLI would use, read the way gh reads it: GH_TOKEN then GITHUB_TOKEN for
 * github.com (and *.ghe.com), GH_ENTERPRISE_TOKEN then GITHUB_ENTERPRISE_TOKEN for a GitHub Enterprise
 * Server API (the gh manual, "gh environment"). Unlike gh, a GitHub Enterprise Server API falls back to
 * GITHUB_TOKEN: inside that server's own Actions job it is the token the runner hands the step.
 */
export function tokenFromEnv(env: SettingsEnv): string | undefined {
  const api = env.GITHUB_API_URL || 'https://api.github.com'
  let host = 'api.github.com'
  try {
    host = new URL(api).hostname
  } catch {
    // An unparsable URL is reported where the client is built; the token choice falls back to github.com.
  }
  const dotcom = host === 'api.github.com' || host === 'github.com' || host.endsWith('.ghe.com')
  const names = dotcom
    ? ['GH_TOKEN', 'GITHUB_TOKEN']
    : ['GH_ENTERPRISE_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_TOKEN']
  return names.map(n => env[n]?.trim()).find(Boolean)
}

function describe(name: string): string {
  const spec = INPUTS.find(i => i.name === name)
  if (!spec) return ''
  const env = name === 'github-token' ? ' (default: GH_TOKEN or GITHUB_TOKEN, as gh reads them)' : ''
  const fallback =
    name === 'ledger'
      ? ' (default: file:.agent-credit-gate/ledger.json)'
      : spec.default && !SECRET.has(name)
        ? ` (default: ${spec.default})`
        : ''
  return `${spec.description}${env || fallback}`
}

/** The program: one subcommand per command, each with exactly its flags. */
function program(out: string[]): {
  root: Program
  chosen: { command?: Command; opts?: Record<string, unknown>; args?: string[] }
} {
  const chosen: { command?: Command; opts?: Record<string, unknown>; args?: string[] } = {}
  const root = new Program(NAME)
    .description(
      'Estimate, gate and record the cost of Claude agent steps against a budget you set and the subscription windows Claude reports.'
    )
    .usage('<command> [flags]')
    .version(pkg.version, '--version', 'print the version')
    .addHelpText(
      'after',
      '\nExit codes: 0 done (the gate passed, warned, or skipped the run with on-exhaust skip), 1 an error\n' +
        '(bad input, unreadable file, ledger unreachable), 2 refused by the gate (on-exhaust fail).'
    )
    .exitOverride()
    .configureOutput({ writeOut: t => out.push(t), writeErr: t => out.push(t), outputError: () => undefined })
    .showSuggestionAfterError(true)
    .helpCommand(false)
  for (const name of COMMANDS) {
    const spec = SPECS[name]
    const cmd = root
      .command(name)
      .description(spec.summary)
      .usage('[flags]')
      .allowExcessArguments(true)
      .exitOverride()
      .configureOutput({
        writeOut: t => out.push(t),
        writeErr: t => out.push(t),
        outputError: () => undefined
      })
      .showSuggestionAfterError(true)
    for (const input of spec.inputs) cmd.option(`--${input} <value>`, describe(input))
    for (const flag of spec.flags) cmd.option(CLI_FLAGS[flag].flags, CLI_FLAGS[flag].help)
    cmd.action((opts: Record<string, unknown>, self: Program) => {
      chosen.command = name
      chosen.opts = opts
      chosen.args = self.args
    })
  }
  return { root, chosen }
}

/** The flag a stray value came after (the shell split its value, or expanded a glob into many paths). */
function flagBefore(argv: string[], stray: string): string | undefined {
  const at = argv.indexOf(stray)
  for (let i = at - 1; i >= 0; i--)
    if (argv[i].startsWith('--')) return argv[i].replace(/^--/, '').split('=')[0]
  return undefined
}

/** commander's error, in this CLI's one-line form: the input or flag first, then the fix. */
function oneLine(error: CommanderError, argv: string[]): string {
  const command = argv.find(a => (COMMANDS as readonly string[]).includes(a))
  const help = command ? `${NAME} ${command} --help` : `${NAME} --help`
  const suggestion = /\(Did you mean ([^)]+)\?\)/.exec(error.message)?.[1]
  const unknownOption = /unknown option '([^']+)'/.exec(error.message)?.[1]
  if (unknownOption) {
    const name = unknownOption.replace(/^--/, '')
    if (name === 'ledger-url')
      return `${unknownOption}: not a flag, so the password stays out of the process list; set AGENT_CREDIT_GATE_DATABASE_URL (or DATABASE_URL) instead`
    if (ACTION_ONLY.includes(name))
      return `${unknownOption}: an input of the action only (the CLI posts no PR comment or check run); drop it`
    const takers = COMMANDS.filter(
      c => SPECS[c].inputs.includes(name) || SPECS[c].flags.includes(name as CliFlag)
    )
    if (takers.length)
      return `${unknownOption}: not a flag of ${command}: it matters only to ${takers.join(', ')} (${help} lists its flags)`
    // commander suggests among this command's flags; a typo of another command's flag is named too.
    const guess = suggestion ?? guessFlag(name)
    return `${unknownOption}: not a flag of ${command ?? NAME}${guess ? `; did you mean ${guess}?` : ''} (${help} lists its flags)`
  }
  const unknownCommand = /unknown command '([^']+)'/.exec(error.message)?.[1]
  if (unknownCommand !== undefined || error.code === 'commander.unknownCommand') {
    return `command: expected one of ${COMMANDS.join(', ')}, got ${JSON.stringify(unknownCommand ?? argv[0])}${suggestion ? `; did you mean ${suggestion}?` : ''} (run ${NAME} --help)`
  }
  const missing = /option '--([\w-]+)[^']*' argument missing/.exec(error.message)?.[1]
  if (missing) return `${missing}: --${missing} needs a value (${help})`
  return `${error.message.replace(/^error: /, '').split('\n')[0]} (${help})`
}

/** Parse argv into the same Settings the action builds, plus CLI-only flags, or the help to print. */
export function parseCli(all: string[], env: SettingsEnv): Parsed {
  // `run [flags] -- <command> [args…]`: what follows `--` is the command's, never ours to parse.
  const split = all[0] === 'run' ? all.indexOf('--') : -1
  const argv = split >= 0 ? all.slice(0, split) : all
  const child = split >= 0 ? all.slice(split + 1) : []
  const out: string[] = []
  const { root, chosen } = program(out)
  if (argv.length === 0) return { kind: 'print', text: root.helpInformation(), code: 1 }
  try {
    root.parse(argv, { from: 'user' })
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help')
      return { kind: 'print', text: out.join(''), code: error.code === 'commander.help' ? 1 : 0 }
    if (error.code === 'commander.version') return { kind: 'print', text: out.join(''), code: 0 }
    const swallowed = flagTakenAsValue(argv)
    if (swallowed) throw new InputError([swallowed])
    throw new InputError([oneLine(error, argv)])
  }
  const command = chosen.command as Command
  const opts = chosen.opts ?? {}
  const notes: string[] = []
  const swallowed = flagTakenAsValue(argv)
  if (swallowed) throw new InputError([swallowed])
  const strays = chosen.args ?? []
  // `ledger` has one action, named like git's subcommands: `ledger copy`.
  if (command === 'ledger') {
    if (strays[0] !== 'copy')
      throw new InputError([
        `ledger: expected the action copy (${NAME} ledger copy --from LEDGER --to LEDGER), got ${JSON.stringify(strays[0] ?? '')}`
      ])
    strays.shift()
    for (const end of ['from', 'to'])
      if (typeof opts[end] !== 'string')
        throw new InputError([
          `${end}: ledger copy needs --${end} github:OWNER/REPO, file:PATH or postgres[:NAME]`
        ])
  }
  if (strays.length > 0) {
    const flag = flagBefore(argv, strays[0])
    const shown = JSON.stringify(strays[0]) + (strays.length > 1 ? ` and ${strays.length - 1} more` : '')
    throw new InputError([
      `${flag ?? 'command'}: unexpected value ${shown}${flag ? ` after --${flag}, which takes one value` : ` after ${command}`}; ` +
        `quote a glob so the shell does not expand it (--context 'src/**/*.ts'), or see ${NAME} ${command} --help`
    ])
  }
  const raw: RawInputs = {}
  for (const input of SPECS[command].inputs) {
    const v = opts[camel(input)]
    if (typeof v === 'string') raw[input] = v
  }
  const context = opts.context as string[] | undefined
  if (context?.length) {
    raw['context-files'] = [raw['context-files'] ?? '', ...context].filter(Boolean).join('\n')
    const most = longestRun(argv, '--context')
    if (most > 1)
      notes.push(
        `context-files: ${most} paths came after one --context (the shell expanded a glob?); they are used as given. ` +
          `To let ${NAME} match the pattern itself, subfolders included, quote it: --context 'src/**/*.ts'`
      )
  }
  // The commands that gate post alerts: the webhook (a secret) comes from the environment, never a flag.
  if (command === 'gate' || command === 'run')
    for (const { name, env: variable } of FROM_ENV) if (env[variable]) raw[name] = env[variable]
  const tokenInput = SPECS[command].inputs.includes('github-token')
  if (tokenInput && raw['github-token'] === undefined && raw['ledger-token'] === undefined) {
    const token = tokenFromEnv(env)
    if (token) raw['github-token'] = token
  }
  // A database password on the command line would show in the process list: the environment only.
  const databaseUrl = env.AGENT_CREDIT_GATE_DATABASE_URL?.trim() || env.DATABASE_URL?.trim()
  const ends = command === 'ledger' ? [opts.from, opts.to] : [raw.ledger]
  if (databaseUrl && ends.some(l => /^postgres(:|$)/.test(String(l ?? '').trim())))
    raw['ledger-url'] = databaseUrl
  const formats: readonly string[] = command === 'export' ? EXPORT_FORMATS : ['markdown', 'json']
  const format = ((opts.format as string | undefined) ?? formats[0]) as CliFlags['format']
  if (!formats.includes(format)) {
    throw new InputError([
      `format: expected ${formats.slice(0, -1).join(', ')} or ${formats.at(-1)}, got ${JSON.stringify(format)}`
    ])
  }
  const runEnv: SettingsEnv = { ...env }
  const runId = typeof opts.runId === 'string' ? opts.runId : undefined
  if (runId !== undefined) runEnv.GITHUB_RUN_ID = runId
  // Outside a runner every invocation is its own run; --run-id makes a retry idempotent.
  const explicitRun = Boolean(runEnv.GITHUB_RUN_ID)
  const runIdOf = runEnv.GITHUB_RUN_ID
  runEnv.GITHUB_RUN_ID ||= `local-${Date.now().toString(36)}`
  const copyTo =
    command === 'ledger'
      ? parseSettings({ ...raw, ledger: String(opts.to) }, runEnv, 'cli').ledger
      : undefined
  if (command === 'ledger') raw.ledger = String(opts.from)
  return {
    kind: 'run',
    invocation: {
      command,
      settings: parseSettings(raw, runEnv, 'cli', triggerFrom(eventOf(env), env)),
      flags: {
        json: opts.json === true,
        key: opts.key as string | undefined,
        runId: explicitRun ? runIdOf : undefined,
        job: opts.job as string | undefined,
        file: opts.file as string | undefined,
        format,
        explicitRun,
        ledgerGiven: raw.ledger !== undefined,
        ...(copyTo ? { copyTo } : {}),
        replace: opts.replace === true,
        writeReport: raw['report-file'] !== undefined || Boolean(env.RUNNER_TEMP)
      },
      notes,
      child
    }
  }
}

/** The event payload a runner left (GITHUB_EVENT_PATH), for who triggered the run; none outside one. */
function eventOf(env: SettingsEnv): unknown {
  if (!env.GITHUB_EVENT_PATH) return undefined
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
  } catch {
    return undefined
  }
}

/** Every flag of every command, without its dashes. */
const ALL_FLAGS = new Set(COMMANDS.flatMap(c => [...SPECS[c].inputs, ...SPECS[c].flags]))
/** Flags that take one value (not switches such as --json; --context takes many, as commander checks). */
const ONE_VALUE = new Set(
  [...ALL_FLAGS].filter(n => !(n in CLI_FLAGS) || /<\w+>$/.test(CLI_FLAGS[n as CliFlag].flags))
)

/**
 * The flag that took the next flag as its value (`--prompt-file --json` would read a file named
 * `--json`), as one error line, or undefined. Only a known flag counts: a prompt may begin with dashes.
 */
function flagTakenAsValue(argv: string[]): string | undefined {
  for (let i = 0; i + 1 < argv.length; i++) {
    const [flag, next] = [argv[i], argv[i + 1]]
    if (!flag.startsWith('--') || flag.includes('=') || !next.startsWith('--')) continue
    const name = flag.slice(2)
    const nextName = next.slice(2).split('=')[0]
    if (ONE_VALUE.has(name) && ALL_FLAGS.has(nextName))
      return `${name}: --${name} needs a value, but the next word is the flag ${next}; write --${name} VALUE (or --${name}=VALUE for a value that begins with --)`
  }
  return undefined
}

/** The flag of any command a typo most likely meant, if one is close (at most a third of it differs). */
function guessFlag(name: string): string | undefined {
  const all = [...new Set(COMMANDS.flatMap(c => [...SPECS[c].inputs, ...SPECS[c].flags]))]
  const [best] = nearest(name, all, 1, Math.max(2, Math.floor(name.length / 3)))
  return best ? `--${best}` : undefined
}

/** commander's attribute name for a flag: `max-turns` → `maxTurns`. */
function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
}

/** The most values that followed one occurrence of `flag` (a shell-expanded glob gives many). */
function longestRun(argv: string[], flag: string): number {
  let most = 0
  argv.forEach((a, i) => {
    if (a !== flag) return
    let n = 0
    while (i + 1 + n < argv.length && !argv[i + 1 + n].startsWith('--')) n++
    most = Math.max(most, n)
  })
  return most
}
