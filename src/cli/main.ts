/** The CLI shell: `agent-credit-gate <command> [flags]`, over the same steps as the action. */
import { InputError } from '../errors.js'
import { parseCli } from './args.js'
import { RUN } from './commands.js'
import type { Io } from './io.js'

/** Run the CLI; returns the exit code (0 ok, 1 error, 2 refused by the gate with on-exhaust fail). */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const parsed = parseCli(argv, io.env)
    if (parsed.kind === 'print') {
      io.out(parsed.text)
      return parsed.code
    }
    const inv = parsed.invocation
    for (const note of inv.notes) io.err(`agent-credit-gate: note: ${note}`)
    return await RUN[inv.command](inv, io)
  } catch (error) {
    const lines = error instanceof InputError ? error.problems : [(error as Error).message ?? String(error)]
    for (const line of lines) io.err(`agent-credit-gate: ${line}`)
    return 1
  }
}
