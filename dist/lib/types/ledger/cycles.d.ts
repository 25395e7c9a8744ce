import type { Cycle } from '../budget/types.js';
import type { CycleFocus, DocumentStore } from '../store/types.js';
import type { Settings } from '../config/settings.js';
import { type CycleRead } from './update.js';
/** The name of the document that holds the ledger's reset day (absent: day 1). */
export declare const RESET_DAY = "reset-day";
export interface CurrentCycle {
    cycle: Cycle;
    /** The cycle's document as read (for the first compare-and-swap attempt). */
    read: CycleRead;
    /** What the reader should know about how the cycle was chosen. */
    notices: string[];
    /** Set when this cycle moves the ledger to another reset day: the gate that writes to it records it. */
    newResetDay?: number;
}
/** The reset day a step asks for, and whether it was given (the action's always is) or is the default. */
export declare function resetOf(settings: Settings): {
    billingCycleDay: number;
    given: boolean;
};
/**
 * The cycle containing `now`: this reset day's document when it exists; else, when the ledger resets on
 * another day, its running cycle if it has recorded anything; else a new cycle on this day, beginning no
 * earlier than the ledger's last reset.
 */
export declare function currentCycle(store: DocumentStore, now: Date, reset: {
    billingCycleDay: number;
    given: boolean;
}, focus?: CycleFocus): Promise<CurrentCycle>;
/**
 * Record the ledger's new reset day (compare-and-swap, a few tries). Returns a notice when it could not
 * (the hold itself is written; the next gate on the new day tries again).
 */
export declare function recordResetDay(store: DocumentStore, billingCycleDay: number, describe: (error: unknown) => string): Promise<string | undefined>;
