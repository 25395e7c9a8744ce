/** One budget's use before and after this run's hold. */
export interface BudgetUse {
    /** Key of the budget: `monthly`, or `max-daily-usd:job:…`, `max-pr-usd:pr:…`, … */
    budget: string;
    /** The input that sets it (`monthly budget` for the ledger's). */
    input: string;
    /** What the budget covers, e.g. "this job's last 24 hours". */
    label: string;
    usd: number;
    beforeUsd: number;
    afterUsd: number;
}
import type { Alert } from '../webhook/post.js';
export type { Alert };
/**
 * The thresholds each budget crosses with this hold (before < t ≤ after) that no earlier run of the
 * cycle alerted, highest first per budget; `where` names the repository and run in the text.
 */
export declare function crossings(uses: BudgetUse[], thresholds: number[], recorded: Array<{
    budget: string;
    pct: number;
}>, where: string): Alert[];
