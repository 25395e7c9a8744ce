import * as core from '@actions/core'
import * as github from '@actions/github'
import { INPUTS } from '../config/inputs.js'
import { parseSettings, type RawInputs, type SettingsEnv } from '../config/parse.js'
import type { Settings } from '../config/settings.js'
import { triggerFrom } from '../config/trigger.js'

/**
 * The run's identity and API URL as @actions/github's context read them from the runner (at import,
 * which in the action is before anything else runs).
 */
function contextEnv(env: NodeJS.ProcessEnv): SettingsEnv {
  const ctx = github.context
  const repository = env.GITHUB_REPOSITORY ? `${ctx.repo.owner}/${ctx.repo.repo}` : undefined
  return {
    ...env,
    GITHUB_REPOSITORY: repository,
    GITHUB_WORKFLOW: ctx.workflow || undefined,
    GITHUB_JOB: ctx.job || undefined,
    GITHUB_ACTION: ctx.action || undefined,
    GITHUB_RUN_ID: ctx.runId ? String(ctx.runId) : undefined,
    GITHUB_RUN_ATTEMPT: ctx.runAttempt ? String(ctx.runAttempt) : undefined,
    GITHUB_API_URL: ctx.apiUrl
  }
}

/** The only place that calls core.getInput: every action input into one Settings object. */
export function readActionSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const raw: RawInputs = {}
  for (const spec of INPUTS) {
    // Prompts keep their own whitespace; everything else is trimmed by the parser.
    raw[spec.name] = core.getInput(spec.name, { trimWhitespace: spec.name !== 'prompt' })
    if (spec.secret && raw[spec.name]) core.setSecret(raw[spec.name] as string)
  }
  // A driver's message may quote the password alone, without the rest of the connection string.
  const password = passwordOf(raw['ledger-url'])
  if (password) core.setSecret(password)
  return parseSettings(raw, contextEnv(env), 'action', triggerFrom(github.context.payload, env))
}

function passwordOf(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined
  } catch {
    return undefined
  }
}
