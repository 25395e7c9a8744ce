/**
 * Every recipe of docs/recipes.md, run as written so none can rot: the GitLab job's YAML parsed and its
 * script lines run, the Jenkins step and the cron script run literally, the Python app's documented
 * command run against the fake Messages API, and the TypeScript Agent SDK app run with the real SDK
 * (its bundled Claude Code) against the same fake. `claude` is a fake that replays a recorded real
 * stream; `agent-credit-gate` is this repository's CLI bundle. The CI recipes share one GitHub ledger
 * (the GitHub double, the token from the environment), the one-machine recipes one file ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { parse } from 'yaml'
import { GitHubDouble } from '../support/github-server.js'
import { FakeAnthropic, pricedCalls } from '../support/fake-anthropic.js'
import { builtInTable } from '../../src/pricing/table.js'
import { tempDir } from '../support/temp-dirs.js'

const ROOT = resolve('.')
const RECIPES = join(ROOT, 'examples/recipes')
const STREAM = join(
  ROOT,
  '__tests__/fixtures/real-runs-jobs/tielec-25-06exe-e411666__sonnet-4-5__21t.stream.jsonl'
)
const table = builtInTable()

let github: GitHubDouble
let anthropic: FakeAnthropic
let bin: string
let home: string

/** The stream's own figure. */
const streamTotal = () =>
  JSON.parse(readFileSync(STREAM, 'utf8').trim().split('\n').pop() as string).total_cost_usd as number

beforeAll(async () => {
  github = await new GitHubDouble().start()
  github.repo = 'agent-ledger'
  anthropic = await new FakeAnthropic().start()
  bin = tempDir('recipes-bin')
  home = tempDir('recipes-home')
  // What `npm install --global agent-credit-gate` puts on PATH: this repository's CLI bundle.
  writeFileSync(
    join(bin, 'agent-credit-gate'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist/cli/index.js')}" "$@"\n`
  )
  chmodSync(join(bin, 'agent-credit-gate'), 0o755)
}, 60_000)
afterAll(async () => {
  await github.stop()
  await anthropic.stop()
})

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: `${bin}:${join(ROOT, '__tests__/support/fake-claude')}:${process.env.PATH}`,
    HOME: home,
    GITHUB_API_URL: github.url,
    FAKE_CLAUDE_STREAM: STREAM,
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_API_KEY: 'sk-ant-test',
    // The double is not github.com, so its token is read as gh reads one for an Enterprise Server; the
    // recipes' own GH_TOKEN is what github.com would read.
    GH_ENTERPRISE_TOKEN: 'ghs_test',
    ...extra
  }
}

/** Run `args` to its end; stdout and stderr kept. */
function sh(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv }
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(done => {
    const child = spawn(command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += d))
    child.stderr.on('data', d => (stderr += d))
    child.on('close', code => done({ code: code ?? -1, stdout, stderr }))
  })
}

/** A project folder with the prompt the CI recipes read. */
function project(): string {
  const dir = tempDir('recipes')
  mkdirSync(join(dir, 'prompts'))
  writeFileSync(join(dir, 'prompts/review.md'), 'Review the diff for bugs.\n')
  return dir
}

/** The GitHub ledger's entries this cycle (the document the double holds). */
function githubEntries(): Array<Record<string, unknown>> {
  const cycle = new Date().toISOString().slice(0, 8) + '01'
  const text = github.fileAt('refs/agent-credit-gate/ledger', `cycles/${cycle}.json`)
  return text ? JSON.parse(text).entries : []
}

/** The machine's file ledger entries (all cycles). */
function fileEntries(): Array<Record<string, unknown>> {
  const dir = join(home, '.agent-credit-gate')
  return readdirSync(dir)
    .filter(f => /^ledger\..+\.json$/.test(f))
    .flatMap(f => JSON.parse(readFileSync(join(dir, f), 'utf8')).entries)
}

const byJob = (entries: Array<Record<string, unknown>>, job: string) =>
  entries.find(e => String(e.jobId).endsWith(job) || String(e.key).includes(job))

describe('recipes (docs/recipes.md), run as written', () => {
  it('GitLab CI: the job’s script lines gate, run claude with the cap and record in the shared GitHub ledger', async () => {
    const job = parse(readFileSync(join(RECIPES, 'gitlab-ci.yml'), 'utf8'))['claude-review']
    const cwd = project()
    // before_script installs the two CLIs; here they are already on PATH (the fake claude, our bundle).
    const vars = Object.entries(job.variables as Record<string, string>)
      .map(([k, v]) => `export ${k}="${v}"`)
      .join('\n')
    for (const line of job.script as string[]) {
      const r = await sh('bash', ['-euo', 'pipefail', '-c', `${vars}\n${line}`], {
        cwd,
        env: env({ LEDGER_TOKEN: 'ghs_test', CI_PIPELINE_ID: '501', CI_JOB_ID: '9001' })
      })
      expect(r.stderr).toMatch(/recorded: run gitlab-501-9001/)
      expect(r.code).toBe(0)
      expect(r.stdout).toBe(readFileSync(STREAM, 'utf8'))
    }
    const e = byJob(githubEntries(), 'gitlab/claude-review')
    expect(e?.status).toBe('settled')
    expect(Math.abs((e?.actualUsd as number) - streamTotal())).toBeLessThan(1e-6)
  })

  it('Jenkins: the shell step runs literally and records in the same GitHub ledger', async () => {
    const cwd = project()
    const r = await sh('bash', [join(RECIPES, 'jenkins-step.sh')], {
      cwd,
      env: env({ GH_TOKEN: 'ghs_test', BUILD_TAG: 'jenkins-agents-77' })
    })
    expect(r.code).toBe(0)
    expect(readFileSync(join(cwd, 'claude-output.jsonl'), 'utf8')).toBe(readFileSync(STREAM, 'utf8'))
    const e = byJob(githubEntries(), 'jenkins/claude-step')
    expect(e?.status).toBe('settled')
    expect(Math.abs((e?.actualUsd as number) - streamTotal())).toBeLessThan(1e-6)
  })

  it('cron: the script runs literally against the machine’s file ledger', async () => {
    const r = await sh('bash', [join(RECIPES, 'cron.sh')], { cwd: home, env: env() })
    expect(r.code).toBe(0)
    const e = byJob(fileEntries(), 'cron/nightly-summary')
    expect(e?.status).toBe('settled')
    expect(Math.abs((e?.actualUsd as number) - streamTotal())).toBeLessThan(1e-6)
  })

  it('Python: the app logs Messages API responses and run records them priced with the same table', async () => {
    const source = readFileSync(join(RECIPES, 'python-app.py'), 'utf8')
    const command = /file ledger:\n\n((?: {4}.*\n)+)/.exec(source)?.[1].replace(/^ {4}/gm, '') as string
    const cwd = tempDir('recipes-py')
    writeFileSync(join(cwd, 'python-app.py'), source)
    const before = anthropic.calls.length
    const r = await sh('bash', ['-euo', 'pipefail', '-c', command], { cwd, env: env() })
    expect(r.stderr).toMatch(/recorded: /)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/output tokens; cap \$\d/)
    const calls = anthropic.calls.slice(before)
    expect(calls).toHaveLength(1)
    const priced = pricedCalls(calls, table)
    const e = byJob(fileEntries(), 'python/triage')
    expect(e?.status).toBe('settled')
    expect(Math.abs((e?.actualUsd as number) - priced)).toBeLessThan(1e-9)
  })

  it('TypeScript Agent SDK app: gates, runs query() with the cap, records the SDK’s result in the GitHub ledger', async () => {
    // The recipe as an app would compile it, placed in the repository so `agent-credit-gate` resolves
    // to this package (its exports: dist/lib) and the SDK to node_modules.
    const out = join(ROOT, '.build/recipes')
    mkdirSync(out, { recursive: true })
    const js = ts.transpileModule(readFileSync(join(RECIPES, 'agent-sdk-app.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
    }).outputText
    writeFileSync(join(out, 'agent-sdk-app.mjs'), js)
    const before = anthropic.calls.length
    const r = await sh(process.execPath, [join(out, 'agent-sdk-app.mjs')], {
      cwd: tempDir('recipes-sdk'),
      env: env({
        GH_TOKEN: 'ghs_test',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_TELEMETRY: '1',
        DISABLE_AUTOUPDATER: '1'
      })
    })
    expect(r.stderr).toMatch(/recorded \$\d+\.\d{4} \(settled\)/)
    expect(r.code).toBe(0)
    expect(anthropic.calls.length).toBeGreaterThan(before)
    const e = byJob(githubEntries(), 'sdk-app/review')
    expect(e?.status).toBe('settled')
    expect(e?.actualUsd as number).toBeGreaterThan(0)
    expect(Math.abs((e?.actualUsd as number) - (e?.claudeReportedUsd as number))).toBeLessThan(1e-9)
  }, 120_000)

  it('the CI recipes share one GitHub ledger, the one-machine recipes one file ledger', () => {
    expect(githubEntries().map(e => e.status)).toEqual(['settled', 'settled', 'settled'])
    expect(fileEntries().map(e => e.status)).toEqual(['settled', 'settled'])
  })
})
