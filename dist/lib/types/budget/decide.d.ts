import type { GateOn, OnExhaust } from '../config/settings.js';
import type { BudgetState, Credit, Cycle, Decision, DecisionKind, Runway } from './types.js';
import { type LimitJudgement } from './limits.js';
/** The figure the gate checks and holds: the `gate-on` estimate. */
export declare function gatedFigure(estimate: {
    p50Usd: number;
    p90Usd: number;
    maxUsd: number;
}, gateOn: GateOn): number;
/** remaining = credit + overage − settled − live holds − external spend. */
export declare function budgetState(a: {
    credit: Credit;
    settledUsd: number;
    heldUsd: number;
    externalSpendUsd: number;
}): BudgetState;
/**
 * The gate's decision, a pure function of the cycle's money, the estimate, the budget settings and the
 * subscription's meters as earlier runs saw them: fail when a window is exhausted (before any dollar
 * check: the run could not start), or when out of credit, or when a per-run limit refuses it, or when
 * its hold does not fit what is left; warn when it would cross warn-at % of the credit or a window is
 * near its limit; else pass. The hold and Claude's cap come from one policy (src/budget/cap.ts).
 */
export declare function decide(a: {
    state: BudgetState;
    estimate: {
        p50Usd: number;
        p90Usd: number;
        maxUsd: number;
    };
    gateOn: GateOn;
    warnAtPct: number;
    onExhaust: OnExhaust;
    /** The per-run ceiling (`max-run-usd`). */
    maxRunUsd?: number;
    limits?: LimitJudgement;
    now?: Date;
}): Decision;
/**
 * Where the cycle stands now, by the same lines the gate draws: over the budget (fail), past warn-at %
 * of the credit (warn), or within it (pass). A settled report says this instead of repeating the
 * gate's decision, which was about money before the run.
 */
export declare function standing(state: BudgetState, warnAtPct: number): DecisionKind;
/** At this cycle's burn rate, when the budget runs out, and how many more such runs fit. */
export declare function runway(a: {
    state: BudgetState;
    cycle: Cycle;
    now: Date;
    gatedUsd: number;
}): Runway;
