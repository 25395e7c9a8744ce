/** The CLI run in-process (src/cli/main.ts) against a GitHub double, with what it printed. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import type { ClientTuning } from '../../src/github/client.js'

export interface CliRun {
  code: number
  out: string
  err: string
  ms: number
}

/** `agent-credit-gate …argv`, with GITHUB_API_URL pointing at `apiUrl` when given. */
export async function runCli(
  argv: string[],
  opts: { apiUrl?: string; cwd: string; now: Date; github?: ClientTuning; env?: Record<string, string> }
): Promise<CliRun> {
  let out = ''
  let err = ''
  const started = Date.now()
  const code = await main(argv, {
    out: t => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: t => (err += t.endsWith('\n') ? t : `${t}\n`),
    stdin: async () => '',
    env: { ...(opts.apiUrl ? { GITHUB_API_URL: opts.apiUrl } : {}), ...opts.env },
    cwd: opts.cwd,
    now: () => opts.now,
    github: opts.github
  })
  return { code, out, err, ms: Date.now() - started }
}

/** A small, cheap run to estimate or gate: no agent prefix, three turns of Haiku. */
export const SMALL_RUN = [
  '--prompt',
  'Review the diff.',
  '--model',
  'haiku',
  '--agent',
  'none',
  '--max-turns',
  '3'
]

/**
 * The CLI over a file ledger in a fresh folder, as of `now` (or the instant a call gives): every command
 * gets `--ledger file:…`, and `gate(runId)` gates SMALL_RUN as that run.
 */
export function fileLedgerCli(now: Date) {
  const dir = mkdtempSync(join(tmpdir(), 'acg-ledger-'))
  const cli = (argv: string[], at: Date = now) =>
    runCli([...argv, '--ledger', `file:${join(dir, 'ledger.json')}`], { cwd: dir, now: at })
  const gate = (runId: string, argv: string[] = [], at: Date = now) =>
    cli(['gate', ...SMALL_RUN, '--run-id', runId, ...argv], at)
  return { dir, cli, gate }
}
