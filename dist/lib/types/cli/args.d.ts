import { type SettingsEnv } from '../config/parse.js';
import type { Settings } from '../config/settings.js';
import { type Command } from './spec.js';
import { type ExportFormat } from '../report/export.js';
export { COMMANDS, type Command } from './spec.js';
/** Flags that are not action inputs: how the CLI prints and which run it speaks for. */
export interface CliFlags {
    json: boolean;
    /** Ledger key to release / record against. */
    key?: string;
    /** The run named by --run-id (or GITHUB_RUN_ID in a runner). */
    runId?: string;
    /** With --run-id: the job or step of the run. */
    job?: string;
    /** Input file for `tokens` (stdin when absent). */
    file?: string;
    /** `report --format` (markdown, json) or `export --format` (focus, csv, json). */
    format: 'markdown' | 'json' | ExportFormat;
    /** Whether the run id came from --run-id or GITHUB_RUN_ID (not made up for this invocation). */
    explicitRun: boolean;
    /** Whether --ledger was given (only the default ledger's folder is created when missing). */
    ledgerGiven: boolean;
    /** `ledger copy`: where the copy goes (the source is `settings.ledger`). */
    copyTo?: Settings['ledger'];
    /** `record --replace`: correct a settled run's figure. */
    replace: boolean;
    /** Write the JSON report file: --report-file was given, or the CLI runs under a runner (RUNNER_TEMP). */
    writeReport: boolean;
}
export interface CliInvocation {
    command: Command;
    settings: Settings;
    flags: CliFlags;
    /** What the CLI says on stderr before it runs (how it read the arguments). */
    notes: string[];
    /** `run`: the command and its arguments, everything after the first `--`. */
    child: string[];
}
/** Either a command to run, or text to print (help) and the exit code. */
export type Parsed = {
    kind: 'run';
    invocation: CliInvocation;
} | {
    kind: 'print';
    text: string;
    code: number;
};
/**
 * The token GitHub's own CLI would use, read the way gh reads it: GH_TOKEN then GITHUB_TOKEN for
 * github.com (and *.ghe.com), GH_ENTERPRISE_TOKEN then GITHUB_ENTERPRISE_TOKEN for a GitHub Enterprise
 * Server API (the gh manual, "gh environment"). Unlike gh, a GitHub Enterprise Server API falls back to
 * GITHUB_TOKEN: inside that server's own Actions job it is the token the runner hands the step.
 */
export declare function tokenFromEnv(env: SettingsEnv): string | undefined;
/** Parse argv into the same Settings the action builds, plus CLI-only flags, or the help to print. */
export declare function parseCli(all: string[], env: SettingsEnv): Parsed;
