/** Token counts of the prompt, the context files and the agent prefix, offline or via count_tokens. */
import type { Settings } from './config/settings.js'
import type { Gathered } from './gather.js'
import type { ModelEntry } from './pricing/types.js'
import type { TokenCount } from './tokens/types.js'
import { countTokens, countWithFallback } from './tokens/index.js'
import { prefixTokens } from './estimate/presets.js'
import type { CountedInputs } from './estimate-report.js'

function sum(counts: TokenCount[], family: TokenCount['family']): TokenCount {
  return counts.reduce(
    (a, c) => ({
      ...a,
      tokens: a.tokens + c.tokens,
      low: a.low + c.low,
      high: a.high + c.high,
      method: c.method
    }),
    { tokens: 0, low: 0, high: 0, family, method: 'offline' } as TokenCount
  )
}

/** Count what the agent will be sent; exact counts when an API key is given, offline otherwise. */
export async function countInputs(
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
      family: model.tokenizer,
      offline: countTokens
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
