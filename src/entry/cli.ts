#!/usr/bin/env node
import { main } from '../cli/main.js'
import { terminalIo } from '../cli/io.js'

process.exitCode = await main(process.argv.slice(2), terminalIo())
