/**
 * Runs the committed bundles the way the Actions runner does: inputs as INPUT_* variables, file
 * commands (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY), post's STATE_* from main's state,
 * and the workflow commands main and post print on stdout. HARNESS_NODE picks the Node binary
 * (CI runs the same tests under Node 20 and Node 24).
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tempDir } from './temp-dirs.js'

export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
}

export interface StepResult {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  commands: WorkflowCommand[]
}

export interface StepOptions {
  /** Action inputs by name as in action.yml (the runner upper-cases them into INPUT_*). */
  inputs?: Record<string, string>
  /** Extra environment (GITHUB_*, RUNNER_*, …). */
  env?: Record<string, string>
  /** STATE_* for post: what main saved. */
  state?: Record<string, string>
  /** Runner folders; created when absent. */
  dirs?: RunnerDirs
}

export interface RunnerDirs {
  workspace: string
  temp: string
}

const ROOT = resolve(import.meta.dirname, '..', '..')

/** A fresh workspace and RUNNER_TEMP, as a job starts with. */
export function makeRunnerDirs(): RunnerDirs {
  const base = tempDir('job')
  const dirs = { workspace: join(base, 'workspace'), temp: join(base, 'temp') }
  mkdirSync(dirs.workspace, { recursive: true })
  mkdirSync(dirs.temp, { recursive: true })
  return dirs
}

/** A pull_request event file in RUNNER_TEMP (head from `headRepo`, base acme/api); returns its path. */
export function writePullRequestEvent(
  dirs: RunnerDirs,
  pr: { number: number; headSha: string; headRepo?: string }
): string {
  const path = join(dirs.temp, `pull-request-${pr.number}.json`)
  writeFileSync(
    path,
    JSON.stringify({
      pull_request: {
        number: pr.number,
        head: { sha: pr.headSha, repo: { full_name: pr.headRepo ?? 'acme/api' } },
        base: { repo: { full_name: 'acme/api' } }
      }
    })
  )
  return path
}

/** Parse a file-command file: `name=value` lines and `name<<DELIM … DELIM` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line) continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delim] = heredoc
      const body: string[] = []
      for (i++; i < lines.length && lines[i] !== delim; i++) body.push(lines[i])
      out[name] = body.join('\n')
    } else {
      const eq = line.indexOf('=')
      if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1)
    }
  }
  return out
}

/** Parse `::command key=value,key=value::message` lines from stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
  const commands: WorkflowCommand[] = []
  for (const line of stdout.split('\n')) {
    const m = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const properties: Record<string, string> = {}
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1))
        .replace(/%3A/g, ':')
        .replace(/%2C/g, ',')
    }
    commands.push({ command: m[1], properties, message: unescape(m[3]) })
  }
  return commands
}

/** Run one bundle (`main`, `post`) as a step. */
export async function runStep(bundle: 'main' | 'post', opts: StepOptions = {}): Promise<StepResult> {
  const dirs = opts.dirs ?? makeRunnerDirs()
  const files = {
    output: join(dirs.temp, `${bundle}-output-${Date.now()}`),
    state: join(dirs.temp, `${bundle}-state-${Date.now()}`),
    summary: join(dirs.temp, `${bundle}-summary-${Date.now()}`)
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dirs.temp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: dirs.workspace,
    RUNNER_TEMP: dirs.temp,
    GITHUB_REPOSITORY: 'acme/api',
    GITHUB_WORKFLOW: 'agent',
    GITHUB_JOB: 'review',
    GITHUB_ACTION: 'gate',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: join(dirs.temp, 'event.json'),
    ...opts.env
  }
  if (!opts.env?.GITHUB_EVENT_PATH) writeFileSync(env.GITHUB_EVENT_PATH, '{}')
  for (const [name, value] of Object.entries(opts.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const [name, value] of Object.entries(opts.state ?? {})) env[`STATE_${name}`] = value
  const node = process.env.HARNESS_NODE || process.execPath
  const child = spawn(node, [join(ROOT, 'dist', bundle, 'index.js')], { cwd: dirs.workspace, env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', d => (stdout += d))
  child.stderr.on('data', d => (stderr += d))
  const exitCode = await new Promise<number>(res => child.on('close', code => res(code ?? -1)))
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    commands: parseWorkflowCommands(stdout)
  }
}

/** Run main, then (optionally) something in between, then post with main's state — one job. */
export async function runJob(
  opts: StepOptions & { between?: (dirs: RunnerDirs, main: StepResult) => Promise<void> | void }
): Promise<{ main: StepResult; post: StepResult; dirs: RunnerDirs }> {
  const dirs = opts.dirs ?? makeRunnerDirs()
  const main = await runStep('main', { ...opts, dirs })
  await opts.between?.(dirs, main)
  const post = await runStep('post', { ...opts, dirs, state: main.state })
  return { main, post, dirs }
}
