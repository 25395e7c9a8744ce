/**
 * The CLI bundle as a shell pipes it: `agent-credit-gate estimate --json | head -c 10` ends quietly when
 * the reader goes away (no EPIPE stack trace), with the command's own exit code.
 */
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { SMALL_RUN } from '../support/cli.js'
import { tempDir } from '../support/temp-dirs.js'

const CLI = resolve('dist/cli/index.js')

/** Run the CLI, read `bytes` of its stdout, then close the pipe as `head -c` does. */
function headOf(
  args: string[],
  bytes: number
): Promise<{ code: number | null; head: string; stderr: string }> {
  return new Promise(res => {
    const child = spawn(process.env.HARNESS_NODE || process.execPath, [CLI, ...args], {
      cwd: tempDir('pipe'),
      env: { PATH: process.env.PATH ?? '' }
    })
    let head = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      if (head.length >= bytes) return
      head += d.toString('utf8').slice(0, bytes - head.length)
      if (head.length >= bytes) child.stdout.destroy()
    })
    child.stderr.on('data', d => (stderr += d))
    child.on('close', code => res({ code, head, stderr }))
  })
}

describe('a closed pipe', () => {
  it('ends the output quietly: `estimate --json | head -c 10` exits 0 with nothing on stderr', async () => {
    // A long run makes a JSON report far bigger than a pipe's buffer, so the write meets the closed pipe.
    const r = await headOf(['estimate', ...SMALL_RUN, '--max-turns', '3000', '--json'], 10)
    expect(r.head).toBe('{\n  "schem')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })
})
