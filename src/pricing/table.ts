import { priceTableSchema, type ModelEntry, type PriceTable, type PriceTableFile } from './schema.js'
import { InputError, jsonErrorPlace, nearest } from '../errors.js'
import builtIn from './prices.json' with { type: 'json' }

/** An unknown model is an error naming the nearest known ids: never $0, never a silent default. */
export class UnknownModelError extends InputError {
  constructor(name: string, nearest: string[]) {
    super([
      `model: unknown model ${JSON.stringify(name)}; nearest known: ${nearest.join(', ')}; use one of them or add it with pricing-file`
    ])
  }
}

/** The table that ships with the action. */
export function builtInTable(): PriceTable {
  const { mode: _mode, ...table } = priceTableSchema.parse(builtIn)
  return table
}

/** The table in force: the built-in one, replaced or extended by the text of a user's `pricing-file`. */
export function tableInForce(pricingFile?: { path: string; text: string }): PriceTable {
  const base = builtInTable()
  return pricingFile
    ? mergeTables(base, parseTableJson(pricingFile.text, `pricing-file ${pricingFile.path}`))
    : base
}

/** Parse a price table file; a bad one is a one-line error naming the field and the fix. */
export function parseTableJson(text: string, sourceName: string): PriceTableFile {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new InputError([`${sourceName}: not JSON${jsonErrorPlace(error, text)}; fix the file`])
  }
  const result = priceTableSchema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]
    const path = issue.path
      .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '')
    const value = issue.path.reduce<unknown>(
      (v, k) => (v as Record<string, unknown> | undefined)?.[k as string],
      raw
    )
    throw new InputError([
      `${sourceName}: ${path || '(top)'}: ${issue.message}, got ${JSON.stringify(value) ?? 'nothing'}`
    ])
  }
  return result.data
}

/** A user file extends the built-in table (its models win by id) unless it says `"mode": "replace"`. */
export function mergeTables(base: PriceTable, file: PriceTableFile): PriceTable {
  const { mode, ...table } = file
  if (mode === 'replace') return table
  const byId = new Map(base.models.map(m => [m.id, m]))
  for (const m of table.models) byId.set(m.id, m)
  return {
    asOf: table.asOf,
    source: `${table.source} (over ${base.source}, ${base.asOf})`,
    usGeoMultiplier: table.usGeoMultiplier,
    aliases: { ...base.aliases, ...table.aliases },
    models: [...byId.values()]
  }
}

/** Strip what names a deployment rather than a model: context suffixes, provider and region prefixes. */
function normalise(name: string): string[] {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/\[[^\]]*\]$/, '')
  const out = [n]
  const noPrefix = n.replace(/^(anthropic[/.]|bedrock\/|vertex_ai\/|vertex\/)/, '')
  out.push(noPrefix)
  // Bedrock ids, plain (anthropic.<id>-v1:0) or cross-region (us./eu./apac./global. + the plain id);
  // the plain form is tried before the provider prefix is stripped, which would take its "anthropic.".
  const bedrock =
    /^(?:bedrock\/)?(?:(?:us|eu|apac|global|jp|au)\.)?anthropic\.(.+?)(?:-v\d+(?::\d+)?)?$/.exec(n)
  if (bedrock) {
    out.push(bedrock[1], `us.anthropic.${bedrock[1]}`)
    const undated = /^(.+)-\d{8}$/.exec(bedrock[1])
    if (undated) out.push(undated[1])
  }
  // Vertex ids: <id>@<date> or <id>-v2@<date>
  const vertex = /^(.+?)(?:-v\d+)?@(\d{8})$/.exec(noPrefix)
  if (vertex) out.push(`${vertex[1]}-${vertex[2]}`, vertex[1])
  // Dated first-party ids: <id>-YYYYMMDD
  const dated = /^(.+)-(\d{8})$/.exec(noPrefix)
  if (dated) out.push(dated[1])
  return [...new Set(out)]
}

/** Find a model by canonical id, dated id, alias, provider id or a suffixed/prefixed variant. */
export function resolveModel(table: PriceTable, name: string): ModelEntry {
  const index = new Map<string, ModelEntry>()
  for (const m of table.models) {
    index.set(m.id.toLowerCase(), m)
    for (const id of m.ids) index.set(id.toLowerCase(), m)
  }
  for (const candidate of normalise(name)) {
    const alias = Object.entries(table.aliases).find(([a]) => a.toLowerCase() === candidate)
    const hit = index.get(alias ? alias[1].toLowerCase() : candidate)
    if (hit) return hit
  }
  const wanted = normalise(name)[1] ?? name
  throw new UnknownModelError(
    name,
    nearest(
      wanted,
      table.models.map(m => m.id)
    )
  )
}
