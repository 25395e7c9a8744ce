/** Prices by effective date: a run is priced with the prices in force on the day it ran. */
import type { ModelEntry } from './types.js';
/** A model with the prices of one day, and which of its price rows that was. */
export interface DatedModel {
    model: ModelEntry;
    /** The row used, e.g. `prices since 2026-10-07` or `prices before 2026-10-07`. */
    row: string;
}
/** The model as it was priced on `day` (YYYY-MM-DD, UTC): the earliest earlier row still in force, else today's. */
export declare function pricesOn(model: ModelEntry, day: string): DatedModel;
/** YYYY-MM-DD of an instant, in UTC (the day prices are looked up by). */
export declare function dayOf(at: Date): string;
