import type { Decision } from '../budget/types.js';
import type { GateReport } from '../report/types.js';
import type { RecordedActual } from '../usage/types.js';
import { type Settlement } from '../steps/record.js';
export type { GateReport } from '../report/types.js';
export type { RecordedActual } from '../usage/types.js';
export type { Decision } from '../budget/types.js';
/** What `gateRun` takes. */
export interface GateOptions {
    /**
     * Action inputs by name, as strings or numbers: `prompt`, `model`, `'monthly-credits'`, `ledger`
     * (`file:PATH`, or `owner/repo` for the GitHub ledger with GH_TOKEN/GITHUB_TOKEN from `env`)…
     */
    inputs: Record<string, string | number | undefined>;
    /** The run's id: a retried gate with the same id holds once (default: a new id per call). */
    runId?: string;
    /** Where relative paths are read from (default: process.cwd()). */
    cwd?: string;
    /** The environment (default: process.env): GH_TOKEN, GITHUB_* job identity. */
    env?: NodeJS.ProcessEnv;
    /** The clock (tests, replays). */
    now?: () => Date;
}
/**
 * The result message of a Claude Code / Agent SDK run (`SDKResultMessage` from
 * @anthropic-ai/claude-agent-sdk, or a `--output-format json` result): what `record` prices.
 */
export interface ResultMessage {
    type: 'result';
    subtype: string;
    total_cost_usd?: number;
    num_turns?: number;
    usage?: object;
    modelUsage?: object;
}
/** What `record` did. */
export interface Recorded {
    /** `settled`, or `not-recorded` when the ledger could not be written (the hold then counts as spent). */
    outcome: Settlement['outcome'];
    /** The recorded actual: the usage priced with our table (Claude's own figure beside it). */
    actual: RecordedActual;
    notices: string[];
    /** Set when the ledger failed: the actual was not recorded. */
    ledgerError?: string;
}
/** A gated run: whether it may go on, its cap, and how to record or release it. */
export interface GatedRun {
    /** Whether the agent may run (false: refused, per on-exhaust skip or fail). */
    allowed: boolean;
    /** The cap to hand the agent: `query({ options: { maxBudgetUsd } })`, Claude's `--max-budget-usd`. */
    maxBudgetUsd?: number;
    /** USD held in the ledger for this run. */
    holdUsd?: number;
    /** The ledger key of the hold (undefined: nothing was held). */
    key?: string;
    decision?: Decision;
    /** The gate's full report (estimate, budget, notices). */
    report: GateReport;
    /** Settle the hold with the run's result message (the SDK's `type: 'result'` message). */
    record: (result: ResultMessage) => Promise<Recorded>;
    /** Drop the hold: the agent never ran. */
    release: () => Promise<void>;
}
/** Estimate, check the budget and hold the money; returns the cap and how to record the run. */
export declare function gateRun(options: GateOptions): Promise<GatedRun>;
