import * as core from '@actions/core'
import type { Level } from '../budget/consequences.js'

/** Write a line to the job log at a level of the refusal policy (notice and up become annotations). */
export function log(level: Level, message: string): void {
  if (level === 'error') core.error(message)
  else if (level === 'warning') core.warning(message)
  else if (level === 'notice') core.notice(message)
  else core.info(message)
}
