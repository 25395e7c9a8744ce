/** What bounds the cap handed to Claude. */
export type CapBound = 
/** What is left of the budget after the cycle's spend and others' live holds. */
'budget'
/** The per-run ceiling `max-run-usd`. */
 | 'max-run-usd'
/** The hold itself: the run did not fit and on-exhaust: warn let it go on. */
 | 'hold'
/** What is left of a limit beside the monthly budget (max-daily-usd, max-pr-usd, …). */
 | 'limit';
export interface HoldAndCap {
    /** USD the ledger reserves for this run. */
    holdUsd: number;
    /** USD handed to Claude's --max-budget-usd; never below the hold. */
    capUsd: number;
    capBy: CapBound;
}
/**
 * The hold is the gated figure, at most `max-run-usd` (a run cannot spend past its ceiling, so holding
 * more would only keep others out). The cap is what is left for this run (`remainingUsd`: the budget
 * less spend and others' live holds), at most `max-run-usd`, and never below the hold, so a run the
 * warn policy lets through over budget keeps the cap it would have had before the split.
 */
export declare function holdAndCap(a: {
    gatedUsd: number;
    remainingUsd: number;
    maxRunUsd?: number;
}): HoldAndCap;
/** The hold a run needs to go on: the gated figure, at most `max-run-usd` (also when it was refused). */
export declare function holdNeeded(d: {
    gatedUsd: number;
    maxRunUsd?: number;
}): number;
/** A per-run limit that refuses this run: its name and one sentence (without the consequence). */
export interface RunLimitRefusal {
    /** The input that refused it, e.g. `max-run-usd`. */
    input: string;
    reason: string;
}
/**
 * The per-run limits' verdict: `max-run-usd` refuses a run whose p50 exceeds it, since even a typical
 * run would be cut off at the ceiling with its work lost.
 */
export declare function runLimitRefusal(a: {
    p50Usd: number;
    maxRunUsd?: number;
}): RunLimitRefusal | undefined;
