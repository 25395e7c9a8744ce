/** The CLI run in-process (src/cli/main.ts) against a GitHub double, with what it printed. */
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
  opts: { apiUrl?: string; cwd: string; now: Date; github?: ClientTuning }
): Promise<CliRun> {
  let out = ''
  let err = ''
  const started = Date.now()
  const code = await main(argv, {
    out: t => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: t => (err += t.endsWith('\n') ? t : `${t}\n`),
    stdin: async () => '',
    env: opts.apiUrl ? { GITHUB_API_URL: opts.apiUrl } : {},
    cwd: opts.cwd,
    now: () => opts.now,
    github: opts.github
  })
  return { code, out, err, ms: Date.now() - started }
}
