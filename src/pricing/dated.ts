/** Prices by effective date: a run is priced with the prices in force on the day it ran. */
import type { ModelEntry } from './types.js'

/** A model with the prices of one day, and which of its price rows that was. */
export interface DatedModel {
  model: ModelEntry
  /** The row used, e.g. `prices since 2026-10-07` or `prices before 2026-10-07`. */
  row: string
}

/** The model as it was priced on `day` (YYYY-MM-DD, UTC): the earliest earlier row still in force, else today's. */
export function pricesOn(model: ModelEntry, day: string): DatedModel {
  const earlier = [...model.earlier].sort((a, b) => a.until.localeCompare(b.until)).find(e => day < e.until)
  if (!earlier) {
    return { model, row: model.pricesSince ? `prices since ${model.pricesSince}` : 'current prices' }
  }
  return {
    model: { ...model, prices: earlier.prices, longPrompt: earlier.longPrompt, fast: earlier.fast },
    row: `prices before ${earlier.until}`
  }
}

/** YYYY-MM-DD of an instant, in UTC (the day prices are looked up by). */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10)
}
