import * as core from '@actions/core'
import { INPUTS } from './inputs.js'
import { parseSettings, type RawInputs } from './parse.js'
import type { Settings } from './settings.js'

/** The only place that calls core.getInput: every action input into one Settings object. */
export function readActionSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const raw: RawInputs = {}
  for (const spec of INPUTS) {
    // Prompts keep their own whitespace; everything else is trimmed by the parser.
    raw[spec.name] = core.getInput(spec.name, { trimWhitespace: spec.name !== 'prompt' })
    if (spec.secret && raw[spec.name]) core.setSecret(raw[spec.name] as string)
  }
  return parseSettings(raw, env, 'action')
}
