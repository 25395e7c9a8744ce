/**
 * `estimate`: what the agent step will cost (p50 / p90 / max), with no ledger. The gate builds on
 * prepareEstimate, which counts the inputs once and estimates again when the ledger is known.
 */
import type { Settings } from '../config/settings.js'
import type { ModelEntry, PriceTable } from '../pricing/types.js'
import { resolveModel, tableInForce } from '../pricing/table.js'
import type { TokenCount } from '../tokens/types.js'
import { countTokens } from '../tokens/index.js'
import type { PastRun } from '../estimate/types.js'
import { buildEstimate, type CountedInputs } from '../estimate/report.js'
import { prefixTokens } from '../estimate/presets.js'
import type { GateReport } from '../report/types.js'
import type { Gathered } from '../files/gather.js'
import { countTokensViaApi } from '../anthropic/count-tokens.js'
import type { StepDeps } from './deps.js'

/** The price table in force: the built-in one, replaced or extended by the `pricing-file`. */
export async function priceTableFor(settings: Settings, deps: StepDeps): Promise<PriceTable> {
  const path = settings.estimate.pricingFile
  return tableInForce(path ? { path, text: await deps.files.read(path, 'pricing-file') } : undefined)
}

/** The API count when it works (interval = the count), else the offline count and a notice. */
export async function countWithFallback(args: {
  apiKey: string
  baseUrl: string
  model: string
  text: string
  family: TokenCount['family']
  fetchImpl?: typeof fetch
}): Promise<{ count: TokenCount; notice?: string }> {
  if (args.text.length === 0) return { count: countTokens('', args.family) }
  try {
    const n = await countTokensViaApi(args)
    return { count: { tokens: n, low: n, high: n, family: args.family, method: 'api' } }
  } catch (error) {
    // The key is never part of the notice: only the reason.
    const reason = error instanceof Error ? error.message : 'unknown error'
    return {
      count: countTokens(args.text, args.family),
      notice: `count_tokens unavailable (${reason}); using the offline count`
    }
  }
}

function sum(counts: TokenCount[], family: TokenCount['family']): TokenCount {
  return counts.reduce<TokenCount>(
    (a, c) => ({
      ...a,
      tokens: a.tokens + c.tokens,
      low: a.low + c.low,
      high: a.high + c.high,
      method: c.method
    }),
    { tokens: 0, low: 0, high: 0, family, method: 'offline' }
  )
}

/** Count what the agent will be sent: exact counts when an API key is given, offline otherwise. */
async function countInputs(
  settings: Settings,
  model: ModelEntry,
  gathered: Gathered,
  notices: string[]
): Promise<CountedInputs> {
  const e = settings.estimate
  const count = async (text: string): Promise<TokenCount> => {
    if (!e.anthropicApiKey) return countTokens(text, model.tokenizer)
    const r = await countWithFallback({
      apiKey: e.anthropicApiKey,
      baseUrl: e.anthropicBaseUrl,
      model: model.id,
      text,
      family: model.tokenizer
    })
    if (r.notice) notices.push(r.notice)
    return r.count
  }
  const prompt = await count(gathered.prompt.text)
  const contextCounts: TokenCount[] = []
  for (const file of gathered.context) contextCounts.push(await count(file.text))
  // Only the prefix's size is measured, not its text: bytes per token is part of the preset data.
  const prefix = prefixTokens(e.agent, model)
  return {
    prompt,
    context: sum(contextCounts, model.tokenizer),
    prefixTokens: prefix.tokens,
    prefixSource: prefix.source
  }
}

/** What the ledger knows that the estimate uses; undefined when no ledger was read. */
export interface LedgerKnows {
  /** This job's newest settled runs. */
  pastRuns: PastRun[]
  /** When a run of this model was last active in the ledger. */
  lastRunAt?: string
}

/** The inputs read and counted once; the estimate is built again when the ledger is known. */
export interface PreparedEstimate {
  /** The price table in force (the gate prices its ways out with it). */
  table: PriceTable
  /** The report of an estimate with what the ledger knows (phase `estimate`). */
  estimateWith: (known: LedgerKnows | undefined) => GateReport
  /** True when a ledger entry's model is the model being estimated (dated ids, provider ids, aliases). */
  sameModel: (model: string | undefined) => boolean
}

/** Everything up to the estimate, done once: prices, the inputs read and counted. */
export async function prepareEstimate(settings: Settings, deps: StepDeps): Promise<PreparedEstimate> {
  const table = await priceTableFor(settings, deps)
  const model = resolveModel(table, settings.estimate.model)
  const gathered = await deps.files.gather(settings.estimate)
  const notices = [...gathered.notices]
  const counted = await countInputs(settings, model, gathered, notices)
  return {
    table,
    estimateWith: known => ({
      schema: 'agent-credit-gate/report@1',
      phase: 'estimate',
      generatedAt: deps.now.toISOString(),
      job: settings.job,
      auth: settings.estimate.auth,
      ...buildEstimate({
        settings: settings.estimate,
        table,
        model,
        counted,
        pastRuns: known?.pastRuns ?? [],
        ledger: known ? { lastRunAt: known.lastRunAt } : undefined,
        now: deps.now
      }),
      notices: [...notices]
    }),
    sameModel: other => {
      if (other === undefined) return false
      try {
        return resolveModel(table, other).id === model.id
      } catch {
        return false
      }
    }
  }
}

/** `estimate`: the model alone, no ledger. */
export async function estimate(settings: Settings, deps: StepDeps): Promise<GateReport> {
  return (await prepareEstimate(settings, deps)).estimateWith(undefined)
}
