// Regenerates src/pricing/prices.json from Claude Code's own catalog (reference/), so the
// table we ship is traceable to the CLI version whose total_cost_usd it must reproduce, plus the
// dated price changes of reference/price-history.json, so a run is priced with the prices of its day.
import { readFileSync, writeFileSync } from 'node:fs'

const src = process.argv[2] ?? 'reference/claude-code-2.1.331-pricing.json'
const cat = JSON.parse(readFileSync(src, 'utf8'))
const row = r => ({
  input: r.input,
  output: r.output,
  cacheWrite5m: r.cache_write_5m,
  cacheWrite1h: r.cache_write_1h,
  cacheRead: r.cache_read
})
// Tokenizer family B: Opus 4.7+, Sonnet 5+, Fable, Mythos and the 5.5 models (reference/tokenizer.md §6).
const familyB = id =>
  /claude-(fable|mythos)/.test(id) ||
  /opus-(4-[7-9]|[5-9])/.test(id) ||
  /sonnet-[5-9]/.test(id) ||
  /-5-5$/.test(id)
const models = cat.models.map(m => ({
  id: m.id,
  displayName: m.display_name,
  family: m.family,
  tokenizer: familyB(m.id) ? 'B' : 'A',
  ids: [...new Set([m.first_party_id, ...Object.values(m.provider_ids)].filter(v => v && v !== m.id))],
  prices: row(m.usd_per_mtok),
  ...(m.long_prompt
    ? {
        longPrompt: {
          aboveTokens: m.long_prompt.above_prompt_tokens,
          prices: row(m.long_prompt.usd_per_mtok)
        }
      }
    : {}),
  ...(m.fast_mode_usd_per_mtok ? { fast: row(m.fast_mode_usd_per_mtok) } : {}),
  webSearchUsd: m.web_search_usd_per_request,
  contextWindow: m.context?.window ?? 200000,
  maxOutputTokens: m.max_output_tokens?.upper ?? m.max_output_tokens?.default ?? 8192
}))
// Prices that changed: today's row stays as the catalog has it, the earlier one applies before `until`.
const history = JSON.parse(readFileSync('reference/price-history.json', 'utf8'))
for (const change of history.changes) {
  const model = models.find(m => m.id === change.model)
  if (!model) throw new Error(`reference/price-history.json: no model ${change.model} in ${src}`)
  model.pricesSince = change.since
  model.earlier = [
    {
      until: change.earlier.until,
      prices: change.earlier.prices,
      source: `reference/price-history.json: ${change.what}`
    }
  ]
}
const table = {
  asOf: '2026-11-23',
  source: 'Claude Code 2.1.331 built-in model catalog (list prices, USD per million tokens)',
  usGeoMultiplier: 1.1,
  aliases: cat.latest_per_family,
  models
}
writeFileSync('src/pricing/prices.json', JSON.stringify(table, null, 2) + '\n')
console.log(`wrote ${models.length} models`)
