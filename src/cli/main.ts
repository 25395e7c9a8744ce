/** The CLI shell: `agent-credit-gate <command> [flags]`, over the same steps as the action. */
import { InputError } from '../errors.js'
import { parseCli } from './args.js'
import { COMMAND_TABLE, USAGE } from './commands.js'
import type { Io } from './io.js'

/** Run the CLI; returns the exit code (0 ok, 1 error, 2 refused by the gate with on-exhaust fail). */
export async function main(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE)
    return argv.length === 0 ? 1 : 0
  }
  try {
    const inv = parseCli(argv, io.env)
    return await COMMAND_TABLE[inv.command].run(inv, io)
  } catch (error) {
    const lines = error instanceof InputError ? error.problems : [(error as Error).message ?? String(error)]
    for (const line of lines) io.err(`agent-credit-gate: ${line}`)
    return 1
  }
}
