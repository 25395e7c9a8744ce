/**
 * Fields ↔ columns for the PostgreSQL ledger: each entry field and account figure has its own column;
 * a field this version has no column for (a newer ledger's) rides in the row's `extra` JSON, so nothing
 * a step records is lost.
 */
import type { EntryRow } from './types.js';
type Kind = 'text' | 'time' | 'number' | 'bool' | 'json';
/** [field, column, kind] */
export type Columns = ReadonlyArray<readonly [string, string, Kind]>;
export declare const ENTRY_COLUMNS: Columns;
export declare const ACCOUNT_COLUMNS: Columns;
/** The column values of `obj` in `columns` order, then its other fields as one JSON value (or null). */
export declare function toColumns(columns: Columns, obj: Record<string, unknown>): unknown[];
/** The fields of a row read with `columns` (and `extraColumn`), nulls left out, times as ISO text. */
export declare function fromColumns(columns: Columns, row: Record<string, unknown>, extraColumn: string): Record<string, unknown>;
export declare const entryFromRow: (row: Record<string, unknown>) => EntryRow;
export {};
