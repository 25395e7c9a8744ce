/** The CLI shell: `agent-credit-gate <command> [flags]`. */
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`agent-credit-gate: ${argv.join(' ')}\n`)
  return 0
}
