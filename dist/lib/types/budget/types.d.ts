import type { GateOn, OnExhaust, Plan } from '../config/settings.js';
import type { CapBound } from './cap.js';
/** One billing cycle: [start, resetsAt) in UTC. */
export interface Cycle {
    /**
     * YYYY-MM-DD of the first day of the reset-day cycle it belongs to; names the ledger document. The cycle
     * itself may begin later (`start`): the first cycle after a change of the reset day begins where the
     * old one ended.
     */
    id: string;
    start: string;
    resetsAt: string;
}
/** The credit figure in force and where it came from. */
export interface Credit {
    creditUsd: number;
    overageUsd: number;
    /** `plan` (a preset) or `monthly-credits` (explicit). */
    source: 'plan' | 'monthly-credits';
    plan: Plan;
    /** Human label, e.g. "$20.00 Pro credit (plan preset; the Agent SDK credit was paused …)". */
    label: string;
}
/**
 * The cycle's account as its ledger document records it: the credit, overage and external spend the
 * gates decided on, so `status` and every report show the same figures.
 */
export interface RecordedAccount {
    plan: Plan;
    /** Seats of a per-seat plan (absent: 1). */
    seats?: number;
    /** Explicit monthly credit (absent: the plan preset). */
    monthlyCredits?: number;
    overageUsd: number;
    externalSpendUsd: number;
    billingCycleDay: number;
    /** When and by which run these were last changed. */
    setAt: string;
    setBy: string;
}
/** The money of one cycle, before this run. */
export interface BudgetState {
    creditUsd: number;
    overageUsd: number;
    /** credit + overage. */
    budgetUsd: number;
    settledUsd: number;
    heldUsd: number;
    externalSpendUsd: number;
    /** settled + external. */
    spentUsd: number;
    /** budget − spent − held (may be negative). */
    remainingUsd: number;
}
export type DecisionKind = 'pass' | 'warn' | 'fail';
export interface Decision {
    decision: DecisionKind;
    /** Whether the agent step may run (false only for fail with on-exhaust skip or fail). */
    allowed: boolean;
    gateOn: GateOn;
    onExhaust: OnExhaust;
    /** USD of the `gate-on` estimate. */
    gatedUsd: number;
    /** USD this run holds in the ledger: the gated figure, at most max-run-usd (0 when not allowed). */
    holdUsd: number;
    /**
     * The cap handed to Claude's --max-budget-usd (0 when not allowed): what is left for this run after
     * the cycle's spend and others' live holds, at most max-run-usd, never below the hold.
     */
    maxBudgetUsd: number;
    /** What bounds the cap: `budget` (what is left), `max-run-usd`, or `hold` (over budget, on-exhaust: warn). */
    capBy: CapBound;
    /** The per-run ceiling in force (`max-run-usd`), when one is set. */
    maxRunUsd?: number;
    /**
     * The budget that refused the run when dollars did: `ledger budget` (the monthly one), or the input
     * of a limit beside it (`max-run-usd`, `max-daily-usd`, `max-pr-usd`, `repository-budget-usd`, …), or
     * `allowed-associations` for a trigger not allowed to spend.
     */
    refusedBy?: string;
    /** One sentence saying why. */
    reason: string;
    /** Set when a subscription window (or out-of-credits) refused the run rather than the dollars. */
    limit?: DecisionLimit;
    /** What a warning is about: the dollar credit past warn-at, a subscription window near its limit, or both. */
    warnedBy?: Array<'credit' | 'window'>;
}
/** The meter that refused a run. */
export interface DecisionLimit {
    /** `window`: a usage window Claude reported exhausted; `out-of-credits`: the dollar credit ran out. */
    kind: 'window' | 'out-of-credits';
    /** five_hour, seven_day, … (absent for out-of-credits). */
    meter?: string;
    /** "5-hour limit", "weekly limit", "usage credits". */
    label: string;
    /** When it resets (ISO), when known. */
    resetsAt?: string;
}
export interface Runway {
    /** Average settled USD per elapsed day of this cycle. */
    burnUsdPerDay: number;
    /** ISO date the budget runs out at that pace, if before the reset. */
    exhaustsOn?: string;
    /** How many more runs at the gated estimate fit in what remains. */
    runsThatFit: number;
}
