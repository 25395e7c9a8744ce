/**
 * What every report says about money beside the monthly budget: real money apart from notional, the
 * limits this run was judged on, and what the gate prevented this cycle.
 */
import type { AppliesTo } from '../config/settings.js';
import type { LedgerDocument } from '../ledger/document.js';
import type { HoldVerdict } from '../ledger/hold.js';
import { type Money } from '../ledger/spend-limits.js';
export interface SpendView {
    /** Whether this run's dollars are real money or notional. */
    money?: Money;
    /** Which dollars the budgets count (`budget-applies-to`). */
    appliesTo: AppliesTo;
    /** The cycle's settled dollars: real money, notional (subscription API-equivalent), and entries from before this was recorded. */
    realUsd: number;
    notionalUsd: number;
    unlabelledUsd: number;
    /** The limits beside the monthly budget this run was judged on, with what each had used before it. */
    limits: Array<{
        input: string;
        label: string;
        usd: number;
        usedUsd: number;
    }>;
    /** Refused and skipped runs this cycle and the p50 they would likely have spent. */
    prevented: {
        runs: number;
        p50Usd: number;
    };
}
/** The view from the document the gate wrote and its verdict. */
export declare function spendView(doc: LedgerDocument | null, verdict: Pick<HoldVerdict, 'spend'> & {
    money?: Money;
}, appliesTo: AppliesTo): SpendView;
/** The markdown block: money apart, limits, prevented. */
export declare function spendMarkdown(s: SpendView): string;
