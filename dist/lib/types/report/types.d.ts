import type { JobKey } from '../config/settings.js';
import type { Decision, Runway } from '../budget/types.js';
import type { MetersView } from '../budget/limits.js';
import type { EstimateView } from '../estimate/report.js';
import type { BudgetView, BurnDown } from '../ledger/money.js';
import type { PastRun } from '../estimate/types.js';
import type { RecordedActual } from '../usage/types.js';
import type { WaysOut } from './ways-out.js';
import type { LedgerWaited } from '../ledger/update.js';
import type { SpendView } from './spend.js';
/**
 * The JSON report: everything main and post know about one gated run. Written to `report-file`,
 * and the single input of every renderer (comment, summary, check run, CLI report).
 * Every dollar figure sits under a key that says what it is: `estimate`, `actual` (our recorded
 * actual) or `claudeReportedUsd` (API-equivalent figure from Claude), with `priceTable` naming the table.
 */
export interface GateReport extends EstimateView {
    schema: 'agent-credit-gate/report@1';
    /** `estimate` (no ledger), `gated` (main ran the gate), `settled` (post recorded the actual). */
    phase: 'estimate' | 'gated' | 'settled';
    generatedAt: string;
    job: JobKey;
    /** How the agent authenticates: on a subscription every dollar shown is API-equivalent, not billed. */
    auth?: 'subscription' | 'api-key';
    /** The run's ledger key (gate): what `record --key` and `release --key` name it by. */
    key?: string;
    budget?: BudgetView;
    decision?: Decision;
    runway?: Runway;
    /** The ledger that was used, e.g. `github:acme/ops@refs/agent-credit-gate/ledger` or `file:…`; how long the gate waited for it, and why. */
    ledger?: {
        location: string;
        error?: string;
        waited?: LedgerWaited;
    };
    actual?: RecordedActual;
    /** Last settled runs of this job key, newest first. */
    recentRuns?: PastRun[];
    /** The subscription's 5-hour and weekly windows as Claude last reported them (subscription runs only). */
    meters?: MetersView;
    /** Cumulative settled spend by day of the cycle, for the burn-down. */
    burnDown?: BurnDown;
    /** What a refused or warned run could do instead, each with its figure (gate only). */
    waysOut?: WaysOut;
    /** Real money apart from notional, the limits beside the monthly budget, what the gate prevented. */
    spend?: SpendView;
    notices: string[];
}
