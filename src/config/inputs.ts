/**
 * Every input the action and the CLI accept, and every output the action sets: the data in
 * inputs.json, which also generates action.yml's inputs/outputs and the README tables (npm run docs).
 */
import table from './inputs.json' with { type: 'json' }

export interface InputSpec {
  /** Input name in action.yml; the CLI flag is `--${name}`. */
  name: string
  /** Default as the runner would pass it ('' = unset). */
  default: string
  description: string
  /** A secret: masked and never echoed in an error. */
  secret?: boolean
  /** The CLI reads it from this environment variable, never from a flag. */
  cliEnv?: string
}

export interface OutputSpec {
  name: string
  description: string
}

export const INPUTS: readonly InputSpec[] = table.inputs
export const OUTPUTS: readonly OutputSpec[] = table.outputs
