import type { PriceTable, TokenUsage } from '../pricing/types.js';
import { type PricingDay } from './cost.js';
import type { RecordedActual } from './types.js';
/** One API request as it was billed. */
export interface LoggedRequest {
    id?: string;
    model: string;
    usage: TokenUsage;
    geo?: string;
    speed?: string;
    timestamp?: string;
}
/**
 * Whether `text` looks like a usage log (its first line is a response or usage with a model), not Claude
 * Code output. A first line that is a Messages API response or names a model counts even without its
 * `usage`: the log's own parser then says which line lacks it, instead of "not Claude output".
 */
export declare function isMessagesLog(text: string): boolean;
/** Parse a usage log; anything else is one line naming the file, the line and the shape expected. */
export declare function parseMessagesLog(text: string, file: string): LoggedRequest[];
/**
 * The requests a stream-json shows before its result (assistant messages, one per content block, the
 * same message id repeated: the last copy has the final output count).
 */
export declare function requestsOfStream(messages: unknown[]): LoggedRequest[];
/** A priced log: a recorded actual with every figure `cost` shows filled in. */
export type PricedLog = Omit<RecordedActual, 'byModel'> & Required<Pick<RecordedActual, 'basis' | 'pricedOn' | 'subtype' | 'isError' | 'turns'>> & {
    byModel: Array<{
        model: string;
        usd: number;
        row: string;
    }>;
};
/**
 * Price logged requests one by one (an unknown model is an error, not $0), as a recorded actual.
 * `subtype` says what the figure is: `success` for a client's log, `partial` for a run cut off.
 */
export declare function priceRequests(table: PriceTable, requests: LoggedRequest[], fallback: PricingDay, subtype: 'success' | 'partial'): PricedLog;
/** A whole usage log, parsed and priced: what `record` and `cost` make of a client's log. */
export declare function priceLog(table: PriceTable, text: string, name: string, fallback: PricingDay): PricedLog;
/**
 * The requests a stream-json cut off before its result shows (bad last line tolerated: the run was
 * killed mid-write); lines that are not JSON are skipped, since this only ever prices what was seen.
 */
export declare function partialRequests(text: string): LoggedRequest[];
