/** What the CLI talks to: its streams, environment, folder and clock (tests pass their own). */
import type { ClientTuning } from '../github/client.js'

export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  stdin: () => Promise<string>
  env: NodeJS.ProcessEnv
  cwd: string
  now: () => Date
  /** How the GitHub client times out and waits (tests shrink it). */
  github?: ClientTuning
}

const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`)

/** The terminal. */
export function terminalIo(): Io {
  return {
    out: t => process.stdout.write(line(t)),
    err: t => process.stderr.write(line(t)),
    stdin: async () => {
      const chunks: Buffer[] = []
      for await (const c of process.stdin) chunks.push(c as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date()
  }
}
