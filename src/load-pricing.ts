/** The price table in force: the built-in one, replaced or extended by the user's `pricing-file`. */
import { readNamedFile } from './gather.js'
import type { PriceTable } from './pricing/types.js'
import { builtInTable, mergeTables, parseTableJson } from './pricing/table.js'

export async function loadPriceTable(pricingFile?: string): Promise<PriceTable> {
  const base = builtInTable()
  if (!pricingFile) return base
  const text = await readNamedFile(pricingFile, 'pricing-file')
  return mergeTables(base, parseTableJson(text, `pricing-file ${pricingFile}`))
}
