/**
 * `run -- <command>`: the whole loop around any agent command. Gate (refused: the command never starts);
 * run it with the cap handed over (`--max-budget-usd` appended to a `claude` command, the smaller of two
 * kept; the environment for anything); record what it spent when it ends — from Claude's result, else
 * priced from the responses seen so far and marked partial — or release the hold when no request was
 * made. The command's own exit code is the answer: a ledger error at record time is a warning.
 * Starting the process is the shell's (deps.start); this step only decides.
 */
import type { Settings } from '../config/settings.js';
import type { Decision } from '../budget/types.js';
import type { GateReport } from '../report/types.js';
import { type Settlement } from './record.js';
import type { LedgerDeps } from './deps.js';
/** The environment every command gets: the cap, the hold and the ledger key of its run. */
export declare const RUN_ENV: {
    readonly cap: "AGENT_CREDIT_GATE_MAX_BUDGET_USD";
    readonly hold: "AGENT_CREDIT_GATE_HOLD_USD";
    readonly key: "AGENT_CREDIT_GATE_RUN_KEY";
};
/** What to start. */
export interface ChildPlan {
    /** The command as found on PATH (or as given, with a slash). */
    path: string;
    args: string[];
    /** Added to the CLI's own environment. */
    env: Record<string, string>;
    /** Tee the child's stdout into `ChildExit.stdout` (it is still written through untouched). */
    captureStdout: boolean;
}
/** How the command ended. */
export interface ChildExit {
    /** The code a shell would report: the child's own, or 128+N when signal N ended it. */
    exitCode: number;
    signal?: string;
    /** The stdout it wrote, when captured. */
    stdout: string;
}
/** The command's path, or why it cannot be started: not there, a folder, or not executable. */
export type Found = {
    path: string;
} | {
    missing: 'not-found' | 'folder' | 'not-executable';
};
export interface RunDeps extends LedgerDeps {
    /** The command's path if it can be started (PATH lookup), else why not. */
    which: (command: string) => Found;
    /** Start the child with stdin, stdout and stderr passed through, forward SIGINT/SIGTERM, wait for it. */
    start: (plan: ChildPlan) => Promise<ChildExit>;
    /** Say these lines now, before the command starts (the gate's notices and run's notes so far). */
    announce?: (lines: string[]) => void;
}
export interface RunRequest {
    /** The command and its arguments, as given after `--`. */
    argv: string[];
}
export interface RunReport {
    gate: GateReport;
    /** Whether the command was started. */
    ran: boolean;
    /** The exit code `run` ends with. */
    exitCode: number;
    /** The cap handed over (USD), when the gate gave one. */
    capUsd?: number;
    /** The argv the command got (with the cap appended for claude). */
    argv?: string[];
    child?: ChildExit;
    settlement?: Settlement;
    /** USD released because the command made no request. */
    releasedUsd?: number;
    /** Lines for stderr: what happened, in order. */
    notes: string[];
    /** How many of `notes` (and whether the gate's notices) were already said through `deps.announce`. */
    announced: number;
    /** Problems that did not change the exit code (a ledger error at record time). */
    warnings: string[];
}
/** Whether the command is Claude Code's CLI (which takes --max-budget-usd). */
export declare function isClaude(command: string): boolean;
/** The cap handed to the agent and the hold in the ledger, as the gate decided them. */
export declare function capOf(decision: Decision | undefined): {
    capUsd?: number;
    holdUsd?: number;
};
/** A `claude` command's arguments with the cap: appended, or each of its own lowered to the cap when above it. */
export declare function withCap(args: string[], capUsd: number): {
    args: string[];
    note?: string;
};
export declare function run(settings: Settings, req: RunRequest, deps: RunDeps): Promise<RunReport>;
