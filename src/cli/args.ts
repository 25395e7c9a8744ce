/** argv → the same Settings the action builds, plus the CLI's own flags. */
import { parseArgs } from 'node:util'
import { INPUTS } from '../config/inputs.js'
import { parseSettings, type RawInputs, type SettingsEnv } from '../config/parse.js'
import type { Settings } from '../config/settings.js'
import { InputError } from '../errors.js'

export const COMMANDS = [
  'estimate',
  'gate',
  'status',
  'release',
  'record',
  'cost',
  'tokens',
  'report'
] as const
export type Command = (typeof COMMANDS)[number]

/** Flags that are not action inputs: how the CLI prints and which run it speaks for. */
export interface CliFlags {
  json: boolean
  /** Ledger key to release / record against (default: the key of this run). */
  key?: string
  /** Input file for `tokens` (stdin when absent). */
  file?: string
  /** `report --format`. */
  format: 'markdown' | 'json'
  help: boolean
  /** Whether the run id came from --run-id or GITHUB_RUN_ID (not made up for this invocation). */
  explicitRun: boolean
}

export interface CliInvocation {
  command: Command
  settings: Settings
  flags: CliFlags
}

/** Parse argv into the same Settings the action builds, plus CLI-only flags. */
export function parseCli(argv: string[], env: SettingsEnv): CliInvocation {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {}
  for (const spec of INPUTS) options[spec.name] = { type: 'string' }
  Object.assign(options, {
    context: { type: 'string', multiple: true },
    key: { type: 'string' },
    'run-id': { type: 'string' },
    file: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }
  })
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    const message = (error as Error).message
    const ambiguous = /^Option '--([\w-]+)' argument is ambiguous/.exec(message)
    if (ambiguous) {
      const name = ambiguous[1]
      throw new InputError([
        `${name}: a value starting with "-" must be written as --${name}=VALUE (see --help for what ${name} takes)`
      ])
    }
    // node:util's other messages already name the flag; keep them to one line with the fix.
    throw new InputError([`${message.split('\n')[0]}; run agent-credit-gate --help`])
  }
  const { values, positionals } = parsed
  const name = positionals[0] ?? (values.help ? 'estimate' : '')
  if (!(COMMANDS as readonly string[]).includes(name)) {
    throw new InputError([
      `command: expected one of ${COMMANDS.join(', ')}, got ${JSON.stringify(name)}; run agent-credit-gate --help`
    ])
  }
  const raw: RawInputs = {}
  for (const spec of INPUTS) {
    const v = values[spec.name]
    if (typeof v === 'string') raw[spec.name] = v
  }
  const context = values.context as string[] | undefined
  if (context?.length)
    raw['context-files'] = [raw['context-files'] ?? '', ...context].filter(Boolean).join('\n')
  const format = (values.format as string | undefined) ?? 'markdown'
  if (format !== 'markdown' && format !== 'json') {
    throw new InputError([`format: expected markdown or json, got ${JSON.stringify(format)}`])
  }
  const runEnv: SettingsEnv = { ...env }
  if (typeof values['run-id'] === 'string') runEnv.GITHUB_RUN_ID = values['run-id']
  // Outside a runner every invocation is its own run; --run-id makes a retry idempotent.
  const explicitRun = Boolean(runEnv.GITHUB_RUN_ID)
  runEnv.GITHUB_RUN_ID ||= `local-${Date.now().toString(36)}`
  return {
    command: name as Command,
    settings: parseSettings(raw, runEnv, 'cli'),
    flags: {
      json: values.json === true,
      key: values.key as string | undefined,
      file: values.file as string | undefined,
      format,
      help: values.help === true,
      explicitRun
    }
  }
}
