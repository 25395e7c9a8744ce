/** `tokens`: count the tokens of a text for a model, offline. */
import type { Settings } from '../config/settings.js'
import { resolveModel } from '../pricing/table.js'
import { countTokens } from '../tokens/index.js'
import type { TokenCount } from '../tokens/types.js'
import { priceTableFor } from './estimate.js'
import type { StepDeps } from './deps.js'

export interface TokensReport extends Pick<TokenCount, 'family' | 'tokens' | 'low' | 'high'> {
  model: string
}

export async function tokens(settings: Settings, text: string, deps: StepDeps): Promise<TokensReport> {
  const model = resolveModel(await priceTableFor(settings, deps), settings.estimate.model)
  const c = countTokens(text, model.tokenizer)
  return { model: model.id, family: c.family, tokens: c.tokens, low: c.low, high: c.high }
}
