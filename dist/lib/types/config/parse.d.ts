import { type Settings, type Trigger } from './settings.js';
/** Raw input values by input name, as the runner or the CLI hands them over (strings, '' = unset). */
export type RawInputs = Record<string, string | undefined>;
/** The inputs this parser knows (a test holds them equal to inputs.json). */
export declare const PARSED_INPUTS: string[];
/** The environment a shell runs in: only the variables the settings read. */
export interface SettingsEnv {
    GITHUB_REPOSITORY?: string;
    GITHUB_WORKFLOW?: string;
    GITHUB_JOB?: string;
    GITHUB_ACTION?: string;
    GITHUB_RUN_ID?: string;
    GITHUB_RUN_ATTEMPT?: string;
    GITHUB_API_URL?: string;
    RUNNER_TEMP?: string;
    ANTHROPIC_BASE_URL?: string;
    [key: string]: string | undefined;
}
/**
 * Turn raw inputs into Settings. Defaults come from INPUTS; every problem becomes one line
 * `name: expected …, got "value"` and all lines are thrown together as an InputError.
 */
export declare function parseSettings(raw: RawInputs, env: SettingsEnv, where: 'action' | 'cli', trigger?: Trigger): Settings;
