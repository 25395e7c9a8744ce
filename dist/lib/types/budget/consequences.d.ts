/**
 * The refusal policy: what a decision means for everything that shows or acts on it. The action's
 * step result, the CLI's exit code, the log level, `allowed`, the check run's conclusion, the
 * annotation and the report's headline all come from here, so they cannot disagree.
 */
import type { OnExhaust } from '../config/settings.js';
import type { BudgetState, DecisionKind, DecisionLimit } from './types.js';
export type Level = 'info' | 'notice' | 'warning' | 'error';
export interface Consequences {
    /** The agent step may run (`allowed` output). */
    allowed: boolean;
    /** The gate's step fails (the action calls setFailed; the CLI exits 2). */
    failsStep: boolean;
    /** The CLI's exit code for `gate`. */
    exitCode: 0 | 2;
    /** How the shells log the decision's reason. */
    level: Level;
    /** Conclusion of the check run: failure only when the step itself fails. */
    checkConclusion: 'success' | 'neutral' | 'failure';
    /** The annotation on the gated step's workflow line, if any. */
    annotation?: {
        level: Exclude<Level, 'info'>;
        title: string;
    };
    /** The report headline's icon and verdict word. */
    icon: string;
    word: string;
    /** What happens to this run, in one plain sentence (the headline's second line starts with it). */
    then: string;
    /** What happens next, as the end of the decision's reason ("…this cycle: the step fails."). */
    says: string;
}
/** The consequences of a decision; no decision (estimate only, or the ledger failed open) runs like a pass. */
export declare function consequencesOf(d: {
    decision: DecisionKind;
    onExhaust: OnExhaust;
    limit?: DecisionLimit;
    refusedBy?: string;
    warnedBy?: Array<'credit' | 'window'>;
} | undefined): Consequences;
/**
 * The decision's word and reason in one line, without saying the same thing twice: a window's refusal
 * reads "Skipped: 5-hour limit reached; resets 15:40 UTC: …", not "…limit reached: 5-hour limit reached; …".
 */
export declare function decisionLine(word: string, reason: string): string;
/**
 * What is left of the cycle's budget, as one word and one figure: `$4.44 left of $20.00`, or, past the
 * budget (external spend can take it there), `$5.56 over the $20.00 budget`, never a negative
 * "remaining" beside "$0.00 left".
 */
export declare function moneyLeft(s: Pick<BudgetState, 'remainingUsd' | 'budgetUsd'>): string;
/** How the cycle stands once a run is recorded: the settled report's verdict. */
export interface Standing {
    icon: string;
    word: string;
}
/** The words for where the cycle stands after a run (from budget/decide.ts standing()). */
export declare function standingWords(kind: DecisionKind): Standing;
