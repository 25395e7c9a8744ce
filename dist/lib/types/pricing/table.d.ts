import { type ModelEntry, type PriceTable, type PriceTableFile } from './schema.js';
import { InputError } from '../errors.js';
/** An unknown model is an error naming the nearest known ids: never $0, never a silent default. */
export declare class UnknownModelError extends InputError {
    constructor(name: string, nearest: string[]);
}
/** The table that ships with the action. */
export declare function builtInTable(): PriceTable;
/** The table in force: the built-in one, replaced or extended by the text of a user's `pricing-file`. */
export declare function tableInForce(pricingFile?: {
    path: string;
    text: string;
}): PriceTable;
/** Parse a price table file; a bad one is a one-line error naming the field and the fix. */
export declare function parseTableJson(text: string, sourceName: string): PriceTableFile;
/** A user file extends the built-in table (its models win by id) unless it says `"mode": "replace"`. */
export declare function mergeTables(base: PriceTable, file: PriceTableFile): PriceTable;
/** Find a model by canonical id, dated id, alias, provider id or a suffixed/prefixed variant. */
export declare function resolveModel(table: PriceTable, name: string): ModelEntry;
