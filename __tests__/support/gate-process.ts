/**
 * Gates as separate processes, the way every job of a matrix runs its own: the CLI bundle (dist/cli)
 * with one set of estimate flags, shared by the concurrency test and `npm run bench:burst`.
 */
import { spawn } from 'node:child_process'
import { tempDir } from './temp-dirs.js'

/**
 * Found when called, from the working folder, and spelled without `path`: ncc relocates any file a
 * path.resolve/join names, so a bundled benchmark ran a copy of the CLI as it was at bundling time.
 */
export const cliPath = () => `${process.cwd()}/dist/cli/index.js`

/** A one-turn estimate gated on its maximum, skipped (exit 0, allowed=false) when it does not fit. */
export const GATE_ARGS = [
  '--prompt',
  'Summarise the changes.',
  '--model',
  'claude-haiku-4-5',
  '--agent',
  'none',
  '--max-turns',
  '1',
  '--output-per-turn',
  '1000',
  '--gate-on',
  'max',
  '--on-exhaust',
  'skip',
  '--json'
]

export interface CliProcess {
  code: number
  stdout: string
  stderr: string
}

/**
 * `agent-credit-gate …args` in its own process, with only PATH and `env` in its environment, in `cwd`
 * (a fresh folder by default: whatever the CLI writes there never lands in the checkout).
 */
export function cliProcess(
  args: string[],
  env: Record<string, string> = {},
  cwd = tempDir('cli')
): Promise<CliProcess> {
  return new Promise(res => {
    const child = spawn(process.env.HARNESS_NODE || process.execPath, [cliPath(), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += d))
    child.stderr.on('data', d => (stderr += d))
    child.on('close', code => res({ code: code ?? -1, stdout, stderr }))
  })
}
