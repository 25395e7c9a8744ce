import type { GateReport } from './types.js';
import type { PriceTable } from '../pricing/types.js';
export interface WaysOut {
    /** USD the gated figure is over what is left (0 when it fits). */
    shortfallUsd: number;
    /** When the credit resets (ISO): waiting is always a way out. */
    resetsAt: string;
    /** Settings that would let this run fit: overage raised to, or monthly-credits raised to. */
    raise: {
        overageUsd: number;
        monthlyCreditsUsd: number;
    };
    /**
     * The largest max-turns whose cost fits what is left, by the estimate's own per-request rows scaled
     * like the gated figure (`usd`: that many turns; `belowTypical`: fewer turns than a typical run).
     */
    maxTurns?: {
        turns: number;
        usd: number;
        from: number;
        belowTypical: boolean;
    };
    /**
     * The same run's tokens priced for each cheaper model of the price table's aliases, scaled like the
     * gated figure (`gatedUsd`); `fits` says whether it fits what is left.
     */
    cheaperModels: Array<{
        alias: string;
        id: string;
        displayName: string;
        gatedUsd: number;
        fits: boolean;
    }>;
}
/** The ways out of a decision that does not (or barely) fit; undefined without a budget or decision. */
export declare function waysOut(r: GateReport, table: PriceTable): WaysOut | undefined;
