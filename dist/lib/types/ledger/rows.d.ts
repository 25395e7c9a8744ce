/**
 * A cycle kept as rows (the PostgreSQL store) seen as the ledger document the pure operations work on,
 * and back. The document is the cycle's live state: every hold, the newest entries and the step's own
 * rows in full; the settled money of all other rows summed by day into `compacted`, exactly as a
 * document ledger folds old entries. So reserve, settle, release, the limits and the meters decide on
 * rows the way they decide on a document, and only the rows an operation changed are written back.
 */
import type { Cycle } from '../budget/types.js';
import type { CycleRows, EntryRow, RowChanges } from '../store/types.js';
import { type LedgerDocument, type LedgerEntry } from './document.js';
import { type SummedDocument } from './sums.js';
/** An entry as a flat row: `estimate` as four fields. */
export declare function entryToRow(e: LedgerEntry): EntryRow;
/** The document of `rows` (validated like any document: a bad row stops the step and is not overwritten). */
export declare function documentOf(rows: CycleRows, cycle: Cycle, where: string): SummedDocument;
/**
 * The rows `after` changes relative to `before`. Entries an operation folded into `compacted` are
 * left as they are: a row store keeps every entry, and sums what it does not load.
 */
export declare function changesOf(before: LedgerDocument, after: LedgerDocument): RowChanges;
/** A whole document as rows, to copy it into a row store (its folded part kept as it is). */
export declare function rowsOfDocument(doc: LedgerDocument): {
    rows: RowChanges;
    revision: number;
};
