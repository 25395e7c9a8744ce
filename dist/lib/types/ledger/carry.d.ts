/**
 * What a cycle's document takes over from the previous cycle's: each account's meters and each job's
 * last runs. The first gate of a cycle reads the previous document anyway (it finds none of its own),
 * and its hold is the cycle's first write: the carry rides on it, with no extra request. Pure.
 */
import type { LedgerDocument } from './document.js';
export type Carried = Pick<LedgerDocument, 'meters' | 'history'>;
/** What the previous cycle's document hands on (undefined when there is none). */
export declare function carriedFrom(previous: LedgerDocument | null, now: Date): Carried | undefined;
/** `doc` with what was carried, where it does not hold its own yet. */
export declare function withCarried(doc: LedgerDocument, carried: Carried | undefined): LedgerDocument;
