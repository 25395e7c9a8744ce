#!/usr/bin/env node
import { main } from '../cli.js'

// @actions/glob logs through core.debug, which prints runner-protocol `::debug::` lines; a terminal
// user has no runner to read them.
const write = process.stdout.write.bind(process.stdout)
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
  typeof chunk === 'string' && chunk.startsWith('::debug::')
    ? true
    : write(chunk, ...rest)) as typeof process.stdout.write

process.exitCode = await main(process.argv.slice(2))
