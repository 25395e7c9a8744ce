/** Offline Claude token counts with an interval, and optional exact counts from count_tokens. */
import type { TokenCount, TokenizerFamily } from './types.js'
import { createBpeCounter } from './bpe.js'
import { classify, type ContentClass } from './classify.js'
import factors from './factors.json' with { type: 'json' }

export { countTokensViaApi, countWithFallback } from './count-api.js'

let bpe: ((text: string) => number) | undefined

/** Raw BPE count (no calibration): what the single-token check and the bench measure. */
export function rawTokens(text: string): number {
  bpe ??= createBpeCounter()
  return bpe(text)
}

/** Split long texts into paragraphs so a mixed file (code + prose) is calibrated per part. */
function parts(text: string): string[] {
  if (text.length < 4000) return [text]
  return text.split(/\n\s*\n/).filter(p => p.length > 0)
}

/** Calibrated count with a ≥90% interval for the tokenizer family. */
export function countTokens(text: string, family: TokenizerFamily): TokenCount {
  let tokens = 0
  let spread = 0
  for (const part of parts(text)) {
    const cls: ContentClass = classify(part)
    const a = factors.familyA[cls]
    const raw = rawTokens(part)
    const b = family === 'B' ? factors.familyB.multiplier[cls] : 1
    const t = raw * a.factor * b
    tokens += t
    spread += t * (a.halfWidth + (family === 'B' ? factors.familyB.extraHalfWidth : 0))
  }
  const point = Math.round(tokens)
  // Errors of separate parts partly cancel, but a whole file shares one bias: keep the plain sum.
  return {
    tokens: point,
    low: Math.max(0, Math.floor(tokens - spread - factors.absTokens)),
    high: Math.ceil(tokens + spread + factors.absTokens),
    family,
    method: 'offline'
  }
}
