import { parse as parseConnectionString } from 'pg-connection-string'
import { z } from 'zod'
import { INPUTS } from './inputs.js'
import {
  ACCOUNT_INPUTS,
  PLANS,
  type AccountInput,
  type LedgerLocation,
  type Plan,
  type Settings,
  type Trigger
} from './settings.js'
import { InputError } from '../errors.js'

/** Raw input values by input name, as the runner or the CLI hands them over (strings, '' = unset). */
export type RawInputs = Record<string, string | undefined>

const SECRET = new Set(INPUTS.filter(i => i.secret).map(i => i.name))

/** A text input: trimmed, '' means unset. */
const text = z.string().transform(s => s.trim() || undefined)

interface NumSpec {
  min?: number
  max?: number
  int?: boolean
  /** What to write instead, e.g. "a positive number of USD, e.g. 20". */
  what: string
}

function checkNumber(t: string, opts: NumSpec): number | undefined {
  const n = Number(t)
  const ok =
    /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) &&
    Number.isFinite(n) &&
    !(opts.int && !Number.isInteger(n)) &&
    !(opts.min !== undefined && n < opts.min) &&
    !(opts.max !== undefined && n > opts.max)
  return ok ? n : undefined
}

/** A required number input with a range and a fix that tells the user what to write. */
function num(opts: NumSpec) {
  return z.string().transform((s, ctx) => {
    const n = checkNumber(s.trim(), opts)
    if (n !== undefined) return n
    ctx.addIssue({ code: 'custom', message: `expected ${opts.what}` })
    return z.NEVER
  })
}

/** An optional number input: '' means unset. */
function optNum(opts: NumSpec) {
  return z.string().transform((s, ctx) => {
    const t = s.trim()
    if (t === '') return undefined
    const n = checkNumber(t, opts)
    if (n !== undefined) return n
    ctx.addIssue({ code: 'custom', message: `expected ${opts.what}` })
    return z.NEVER
  })
}

/** An optional USD limit: '' means no limit. */
const optUsd = () => optNum({ min: 0, max: 10_000_000, what: 'a number of USD from 0 up, e.g. 5' })

/**
 * Whether a connection string parses as the driver parses it (its own parser), so a bad port or password
 * is a one-line input error here instead of the driver's bare "Invalid URL" at connect time.
 */
function parsesAsUrl(url: string): boolean {
  try {
    parseConnectionString(url)
    return true
  } catch {
    return false
  }
}

/** GitHub's author associations (the REST API's `author_association`). */
const ASSOCIATIONS = [
  'OWNER',
  'MEMBER',
  'COLLABORATOR',
  'CONTRIBUTOR',
  'FIRST_TIME_CONTRIBUTOR',
  'FIRST_TIMER',
  'MANNEQUIN',
  'NONE'
] as const

function oneOf<const T extends readonly string[]>(values: T) {
  return z.string().transform((s, ctx) => {
    const t = s.trim().toLowerCase()
    if ((values as readonly string[]).includes(t)) return t as T[number]
    ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}` })
    return z.NEVER
  })
}

const schema = z.object({
  prompt: z.string().transform(s => (s.trim() === '' ? undefined : s)),
  'prompt-file': text,
  'context-files': z.string().transform(s =>
    s
      .split(/\r?\n|,/)
      .map(p => p.trim())
      .filter(Boolean)
  ),
  model: z.string().transform((s, ctx) => {
    const t = s.trim()
    if (!t) ctx.addIssue({ code: 'custom', message: 'expected a model id or alias such as sonnet' })
    return t
  }),
  agent: oneOf(['claude-code', 'none'] as const),
  'max-turns': num({ min: 1, max: 10000, int: true, what: 'a whole number of turns from 1 to 10000' }),
  'expected-turns': optNum({
    min: 1,
    max: 10000,
    int: true,
    what: 'a whole number of turns from 1 to 10000'
  }),
  'growth-per-turn': optNum({
    min: 0,
    max: 2_000_000,
    int: true,
    what: 'a whole number of tokens from 0 to 2000000'
  }),
  'output-per-turn': optNum({
    min: 0,
    max: 200_000,
    int: true,
    what: 'a whole number of tokens from 0 to 200000'
  }),
  'cache-ttl': oneOf(['auto', '5m', '1h', 'off'] as const),
  'claude-version': z.string().transform((s, ctx) => {
    const t = s.trim().replace(/^v/, '')
    if (t === '') return undefined
    if (/^\d+\.\d+\.\d+([-+][\w.]+)?$/.test(t)) return t
    ctx.addIssue({ code: 'custom', message: 'expected a Claude Code version such as 2.1.331' })
    return z.NEVER
  }),
  'cache-hit-rate': optNum({ min: 0, max: 1, what: 'a share from 0 to 1, e.g. 0.9' }),
  auth: oneOf(['subscription', 'api-key'] as const),
  'pricing-file': text,
  'anthropic-api-key': text,
  'history-runs': num({ min: 0, max: 1000, int: true, what: 'a whole number of runs from 0 to 1000' }),
  // '' = not given: the pro preset on a subscription; an API key needs monthly-credits (a gate checks).
  plan: z.string().transform((s, ctx) => {
    const t = s.trim().toLowerCase()
    if (t === '') return undefined
    if ((PLANS as readonly string[]).includes(t)) return t as Plan
    ctx.addIssue({ code: 'custom', message: `expected one of ${PLANS.join(', ')}` })
    return z.NEVER
  }),
  seats: num({ min: 1, max: 100_000, int: true, what: 'a whole number of seats from 1, e.g. 5' }),
  'monthly-credits': optNum({
    min: 0.01,
    max: 10_000_000,
    what: 'a positive number of USD from 0.01 to 10000000, e.g. 20'
  }),
  'billing-cycle-day': num({ min: 1, max: 31, int: true, what: 'a day of the month from 1 to 31' }),
  overage: z.string().transform((s, ctx) => {
    const t = s.trim().toLowerCase()
    if (t === 'off' || t === '' || t === '0') return 0
    const n = Number(t)
    if (/^\d+(\.\d+)?$/.test(t) && Number.isFinite(n) && n <= 10_000_000) return n
    ctx.addIssue({ code: 'custom', message: 'expected off or a USD cap such as 25' })
    return z.NEVER
  }),
  'external-spend': num({ min: 0, max: 10_000_000, what: 'a number of USD from 0 up, e.g. 3.50' }),
  'warn-at': num({ min: 1, max: 100, what: 'a percent from 1 to 100' }),
  'gate-on': oneOf(['p50', 'p90', 'max'] as const),
  'max-run-usd': optNum({ min: 0.0001, max: 10_000_000, what: 'a positive number of USD, e.g. 2' }),
  'on-exhaust': oneOf(['fail', 'warn', 'skip'] as const),
  'max-daily-usd': optUsd(),
  'ledger-max-daily-usd': optUsd(),
  'max-pr-usd': optUsd(),
  'repository-budget-usd': optUsd(),
  'job-budget-usd': optUsd(),
  'max-actor-usd': optUsd(),
  'actor-period': oneOf(['cycle', 'day'] as const),
  'allowed-associations': z.string().transform((s, ctx) => {
    const names = s
      .split(/[\s,]+/)
      .map(n => n.trim().toUpperCase())
      .filter(Boolean)
    const bad = names.find(n => !(ASSOCIATIONS as readonly string[]).includes(n))
    if (bad === undefined) return names
    ctx.addIssue({ code: 'custom', message: `expected a comma list of ${ASSOCIATIONS.join(', ')}` })
    return z.NEVER
  }),
  'budget-applies-to': oneOf(['all', 'real'] as const),
  'alert-at': z.string().transform((s, ctx) => {
    const parts = s
      .split(/[\s,]+/)
      .map(p => p.trim().replace(/%$/, ''))
      .filter(Boolean)
    const pcts = parts.map(p => checkNumber(p, { min: 1, max: 1000, what: 'a percent' }))
    if (pcts.every(n => n !== undefined)) return [...new Set(pcts)].sort((a, b) => a - b)
    ctx.addIssue({ code: 'custom', message: 'expected percents from 1 to 1000, e.g. 50,80,100' })
    return z.NEVER
  }),
  'alert-webhook': z.string().transform((s, ctx) => {
    const t = s.trim()
    if (t === '') return undefined
    if (/^https?:\/\/[^\s]+$/.test(t)) return t
    ctx.addIssue({ code: 'custom', message: 'expected an http(s) webhook URL' })
    return z.NEVER
  }),
  ledger: z.string().transform((s, ctx) => {
    const t = s.trim()
    if (t === 'github') return { kind: 'github' as const }
    if (t.startsWith('file:') && t.length > 5) return { kind: 'file' as const, path: t.slice(5) }
    if (t === 'postgres') return { kind: 'postgres' as const, name: 'default' }
    if (/^postgres:[\w.-]{1,64}$/.test(t)) return { kind: 'postgres' as const, name: t.slice(9) }
    if (t.startsWith('github:') && /^github:[\w.-]+\/[\w.-]+$/.test(t)) {
      const [owner, repo] = t.slice(7).split('/')
      return { kind: 'github' as const, owner, repo }
    }
    // The connection string given where the ledger's name goes: say where it belongs (it is never echoed).
    if (/^postgres(ql)?:\/\//i.test(t)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'expected postgres or postgres:NAME, not a connection string; give the URL in ledger-url, a secret (the CLI reads AGENT_CREDIT_GATE_DATABASE_URL or DATABASE_URL)'
      })
      return z.NEVER
    }
    ctx.addIssue({
      code: 'custom',
      message:
        'expected github, github:OWNER/REPO, file:PATH, postgres or postgres:NAME (letters, digits, . _ -)'
    })
    return z.NEVER
  }),
  'ledger-repository': z.string().transform((s, ctx) => {
    const t = s.trim()
    if (t === '') return undefined
    if (/^[\w.-]+\/[\w.-]+$/.test(t)) return t
    ctx.addIssue({ code: 'custom', message: 'expected owner/name' })
    return z.NEVER
  }),
  'ledger-ref': z.string().transform((s, ctx) => {
    const t = s.trim()
    // GitHub rejects refs that do not start with refs/ and have at least two slashes.
    if (/^refs\/[\w.-]+\/[\w./-]+$/.test(t) && !t.includes('..') && !t.endsWith('/')) return t
    ctx.addIssue({ code: 'custom', message: 'expected a full ref such as refs/agent-credit-gate/ledger' })
    return z.NEVER
  }),
  'ledger-token': text,
  'ledger-url': z.string().transform((s, ctx) => {
    const t = s.trim()
    if (t === '') return undefined
    if (/^postgres(ql)?:\/\/./.test(t) && parsesAsUrl(t)) return t
    ctx.addIssue({
      code: 'custom',
      message:
        'expected a connection string postgres://user:password@host:5432/database (a numeric port; percent-encode special characters in the password)'
    })
    return z.NEVER
  }),
  account: z.string().transform((s, ctx) => {
    const t = s.trim()
    if (t === '') return undefined
    if (/^[\w.@/:-]{1,100}$/.test(t)) return t
    ctx.addIssue({
      code: 'custom',
      message: 'expected a name of up to 100 letters, digits and . _ - @ / :, e.g. the token owner'
    })
    return z.NEVER
  }),
  'hold-hours': num({ min: 0.1, max: 24 * 31, what: 'a number of hours from 0.1 to 744' }),
  'on-ledger-error': oneOf(['fail', 'warn'] as const),
  'github-token': text,
  'usage-file': text,
  'report-file': text,
  comment: oneOf(['update', 'off', 'on-change'] as const),
  'comment-tag': z.string().transform((s, ctx) => {
    const t = s.trim() || 'default'
    // The tag goes inside an HTML comment marker: keep it to characters that cannot close it.
    if (/^[\w.-]{1,64}$/.test(t)) return t
    ctx.addIssue({
      code: 'custom',
      message: 'expected up to 64 letters, digits, dots, dashes or underscores'
    })
    return z.NEVER
  }),
  'check-name': z.string().transform((s, ctx) => {
    const t = s.trim()
    if (t.length <= 100) return t
    ctx.addIssue({ code: 'custom', message: 'expected a name of at most 100 characters' })
    return z.NEVER
  }),
  'job-key': text
})

type Parsed = z.output<typeof schema>

/** The inputs this parser knows (a test holds them equal to inputs.json). */
export const PARSED_INPUTS = Object.keys(schema.shape)

/** The environment a shell runs in: only the variables the settings read. */
export interface SettingsEnv {
  GITHUB_REPOSITORY?: string
  GITHUB_WORKFLOW?: string
  GITHUB_JOB?: string
  GITHUB_ACTION?: string
  GITHUB_RUN_ID?: string
  GITHUB_RUN_ATTEMPT?: string
  GITHUB_API_URL?: string
  RUNNER_TEMP?: string
  ANTHROPIC_BASE_URL?: string
  [key: string]: string | undefined
}

function describeValue(name: string, value: string | undefined): string {
  if (SECRET.has(name)) return 'the value given (hidden)'
  const v = value ?? ''
  // A URL with a user and password (a connection string in the wrong input) is a secret wherever it is given.
  if (/:\/\/[^/\s]*@/.test(v)) return 'the value given (hidden: it holds credentials)'
  const shown = v.length > 60 ? `${v.slice(0, 57)}...` : v
  return JSON.stringify(shown)
}

/**
 * Turn raw inputs into Settings. Defaults come from INPUTS; every problem becomes one line
 * `name: expected …, got "value"` and all lines are thrown together as an InputError.
 */
export function parseSettings(
  raw: RawInputs,
  env: SettingsEnv,
  where: 'action' | 'cli',
  trigger?: Trigger
): Settings {
  const withDefaults: Record<string, string> = {}
  const problems: string[] = []
  for (const spec of INPUTS) {
    const given = raw[spec.name]
    withDefaults[spec.name] = given === undefined || given === '' ? spec.default : given
  }
  // The action.yml default is an expression the runner expands; outside the runner it means "unset".
  if (withDefaults['github-token'] === '${{ github.token }}') withDefaults['github-token'] = ''
  if (where === 'cli' && (raw.ledger === undefined || raw.ledger === '')) {
    withDefaults.ledger = 'file:.agent-credit-gate/ledger.json'
  }
  for (const key of Object.keys(raw)) {
    if (!INPUTS.some(i => i.name === key) && raw[key] !== undefined) {
      problems.push(`${key}: not a known input; see the inputs table in the README`)
    }
  }
  const result = schema.safeParse(withDefaults)
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0])
      problems.push(`${name}: ${issue.message}, got ${describeValue(name, withDefaults[name])}`)
    }
  }
  if (problems.length > 0 || !result.success) throw new InputError(problems)
  // The runner hands the action every input, defaults included: only the plan and the credit (no
  // default) can tell "given" from "left out"; the CLI gets only the flags typed.
  const explicit = ACCOUNT_INPUTS.filter(
    name =>
      (raw[name] ?? '') !== '' || (where === 'action' && !['plan', 'monthly-credits', 'seats'].includes(name))
  )
  return toSettings(result.data, env, where, problems, explicit, trigger)
}

function toSettings(
  p: Parsed,
  env: SettingsEnv,
  where: 'action' | 'cli',
  problems: string[],
  explicit: AccountInput[],
  trigger?: Trigger
): Settings {
  if (p.prompt !== undefined && p['prompt-file'] !== undefined) {
    problems.push('prompt-file: give either prompt or prompt-file, not both')
  }
  if (p['expected-turns'] !== undefined && p['expected-turns'] > p['max-turns']) {
    problems.push(
      `expected-turns: must not exceed max-turns (${p['max-turns']}), got ${JSON.stringify(String(p['expected-turns']))}`
    )
  }
  const repository = env.GITHUB_REPOSITORY || 'local/local'
  let location: LedgerLocation
  if (p.ledger.kind === 'file') {
    location = { kind: 'file', path: p.ledger.path }
  } else if (p.ledger.kind === 'postgres') {
    location = { kind: 'postgres', name: p.ledger.name }
    if (!p['ledger-url'])
      problems.push(
        where === 'action'
          ? 'ledger-url: the postgres ledger needs its connection string; pass it from a secret: ledger-url: ${{ secrets.LEDGER_DATABASE_URL }}'
          : 'ledger-url: the postgres ledger needs its connection string; set AGENT_CREDIT_GATE_DATABASE_URL (or DATABASE_URL) in the environment, never on the command line'
      )
  } else {
    const full =
      'owner' in p.ledger ? `${p.ledger.owner}/${p.ledger.repo}` : p['ledger-repository'] || repository
    if (full === 'local/local') {
      problems.push('ledger: github needs a repository; set ledger-repository (owner/name) or use file:PATH')
    }
    const [owner = '', repo = ''] = full.split('/')
    location = { kind: 'github', owner, repo, ref: p['ledger-ref'] }
  }
  if (problems.length > 0) throw new InputError(problems)
  const runnerTemp = env.RUNNER_TEMP || (where === 'cli' ? '.agent-credit-gate' : '.')
  const stepId = env.GITHUB_ACTION || 'gate'
  return {
    estimate: {
      prompt: p.prompt,
      promptFile: p['prompt-file'],
      contextFiles: p['context-files'],
      model: p.model,
      agent: p.agent,
      maxTurns: p['max-turns'],
      expectedTurns: p['expected-turns'],
      growthPerTurn: p['growth-per-turn'],
      outputPerTurn: p['output-per-turn'],
      cacheTtl: p['cache-ttl'],
      claudeVersion: p['claude-version'],
      cacheHitRate: p['cache-hit-rate'],
      auth: p.auth,
      pricingFile: p['pricing-file'],
      anthropicApiKey: p['anthropic-api-key'],
      anthropicBaseUrl: (env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com').replace(/\/+$/, ''),
      historyRuns: p['history-runs']
    },
    budget: {
      explicit,
      plan: p.plan ?? 'pro',
      seats: p.seats,
      monthlyCredits: p['monthly-credits'],
      billingCycleDay: p['billing-cycle-day'],
      overageUsd: p.overage,
      externalSpendUsd: p['external-spend'],
      warnAtPct: p['warn-at'],
      gateOn: p['gate-on'],
      maxRunUsd: p['max-run-usd'],
      onExhaust: p['on-exhaust']
    },
    limits: {
      maxDailyUsd: p['max-daily-usd'],
      ledgerMaxDailyUsd: p['ledger-max-daily-usd'],
      maxPrUsd: p['max-pr-usd'],
      repositoryBudgetUsd: p['repository-budget-usd'],
      jobBudgetUsd: p['job-budget-usd'],
      maxActorUsd: p['max-actor-usd'],
      actorPeriod: p['actor-period'],
      allowedAssociations: p['allowed-associations'],
      appliesTo: p['budget-applies-to'],
      alertAtPct: p['alert-at'],
      alertWebhook: p['alert-webhook']
    },
    ledger: {
      location,
      // Whose windows: one subscription per ledger unless said otherwise.
      account:
        p.account ??
        (location.kind === 'github'
          ? `${location.owner}/${location.repo}`
          : location.kind === 'postgres'
            ? `postgres:${location.name}`
            : 'local'),
      token: p['ledger-token'] ?? p['github-token'],
      ...(p['ledger-url'] ? { url: p['ledger-url'] } : {}),
      holdHours: p['hold-hours'],
      onLedgerError: p['on-ledger-error']
    },
    reports: {
      comment: p.comment,
      commentTag: p['comment-tag'],
      checkName: p['check-name'],
      usageFile: p['usage-file'],
      reportFile: p['report-file'] ?? `${runnerTemp}/agent-credit-gate-report.json`
    },
    github: {
      token: p['github-token'],
      apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
    },
    job: {
      repository,
      workflow: env.GITHUB_WORKFLOW || 'local',
      job: env.GITHUB_JOB || 'local',
      step: p['job-key'] ?? stepId,
      runId: env.GITHUB_RUN_ID || 'local',
      runAttempt: Number(env.GITHUB_RUN_ATTEMPT) > 0 ? Number(env.GITHUB_RUN_ATTEMPT) : 1,
      ...(trigger ? { trigger } : {})
    }
  }
}
