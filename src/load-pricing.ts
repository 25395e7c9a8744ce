/** The price table in force: the built-in one, replaced or extended by the user's `pricing-file`. */
import { readFile } from 'node:fs/promises'
import { InputError } from './config/parse.js'
import type { PriceTable } from './pricing/types.js'
import { builtInTable, mergeTables, parseTableJson } from './pricing/table.js'

export async function loadPriceTable(pricingFile?: string): Promise<PriceTable> {
  const base = builtInTable()
  if (!pricingFile) return base
  let text: string
  try {
    text = await readFile(pricingFile, 'utf8')
  } catch {
    throw new InputError([
      `pricing-file: cannot read ${JSON.stringify(pricingFile)} (no such file); check the path`
    ])
  }
  return mergeTables(base, parseTableJson(text, `pricing-file ${pricingFile}`))
}
