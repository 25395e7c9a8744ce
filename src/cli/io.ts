/** What the CLI talks to: its streams, environment, folder and clock (tests pass their own). */
import type { Writable, Readable } from 'node:stream'
import type { ClientTuning } from '../github/client.js'
import { nodeProcesses, type Processes } from './child.js'

export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  stdin: () => Promise<string>
  env: NodeJS.ProcessEnv
  cwd: string
  now: () => Date
  /** How the GitHub client times out and waits (tests shrink it). */
  github?: ClientTuning
  /** How `run` finds and starts its command (the terminal's: real processes, stdout passed through). */
  processes?: Processes
}

const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`)

/**
 * A writer that stops quietly when the reader goes away (`… --json | head -c 10`): the pipe's EPIPE ends
 * the output, not the process, so a ledger write already under way still finishes and the exit code
 * stays the command's own.
 */
export function pipeWriter(stream: Writable): (text: string) => void {
  let closed = false
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true
    else throw error
  })
  return text => {
    if (!closed) stream.write(line(text))
  }
}

/** The terminal. */
export function terminalIo(streams: { stdout: Writable; stderr: Writable; stdin: Readable } = process): Io {
  return {
    out: pipeWriter(streams.stdout),
    err: pipeWriter(streams.stderr),
    stdin: async () => {
      const chunks: Buffer[] = []
      for await (const c of streams.stdin) chunks.push(c as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    processes: nodeProcesses(process.env, process.cwd(), chunk => {
      // A reader that went away (EPIPE) is handled by pipeWriter's listener; the child's bytes go as they came.
      if (!streams.stdout.destroyed) streams.stdout.write(chunk)
    })
  }
}
