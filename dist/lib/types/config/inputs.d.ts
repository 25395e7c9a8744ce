export interface InputSpec {
    /** Input name in action.yml; the CLI flag is `--${name}`. */
    name: string;
    /** Default as the runner would pass it ('' = unset). */
    default: string;
    description: string;
    /** A secret: masked and never echoed in an error. */
    secret?: boolean;
    /** The CLI reads it from this environment variable, never from a flag. */
    cliEnv?: string;
}
export interface OutputSpec {
    name: string;
    description: string;
}
export declare const INPUTS: readonly InputSpec[];
export declare const OUTPUTS: readonly OutputSpec[];
