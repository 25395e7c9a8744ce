/** Offline Claude token counts with an interval, and optional exact counts from count_tokens. */
import type { TokenCount, TokenizerFamily } from './types.js'
import { bpeCount } from './bpe.js'
import { CHUNK_CLASSES, chunkClass, viaLegacyBpe, type ChunkClass } from './chunk-class.js'
import { classify } from './classify.js'
import { tile } from './tiling.js'
import { isAscii, toBytes } from './vocabulary.js'
import factors from './factors.json' with { type: 'json' }

/**
 * cl100k-style pre-tokenizer: Claude 3+ splits a newline from the indentation after it and digits
 * into groups of 1–3, as cl100k does (reference/tokenizer.md §5c). Tokens never cross these chunks.
 */
const PRE_TOKENIZER =
  /'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD]|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu
const MAX_CACHE = 200_000
// Long chunks (whitespace runs, minified blobs) rarely repeat: caching them would only hold memory.
const MAX_CACHED_CHUNK = 256
/** Per-class values (factors.json's objects) in CHUNK_CLASSES order. */
export const byClass = (values: Record<ChunkClass, number>): number[] => CHUNK_CLASSES.map(c => values[c])

/** Upper and lower tilings per chunk class, before calibration. */
export interface ChunkCounts {
  upper: number[]
  lower: number[]
}

interface Chunk {
  cls: number
  upper: number
  lower: number
}

/** A counter with its own chunk cache: real text repeats its chunks (words, indentation) heavily. */
export function createTokenCounter(): {
  raw: (text: string) => ChunkCounts
  count: (text: string, family: TokenizerFamily) => TokenCount
} {
  const cache = new Map<string, Chunk>()
  const measure = (chunk: string): Chunk => {
    const cls = chunkClass(chunk)
    const bytes = toBytes(chunk)
    if (viaLegacyBpe(cls)) {
      const n = bpeCount(bytes)
      return { cls: CHUNK_CLASSES.indexOf(cls), upper: n, lower: n }
    }
    const [upper, lower] = tile(bytes)
    return { cls: CHUNK_CLASSES.indexOf(cls), upper, lower }
  }
  const raw = (text: string): ChunkCounts => {
    const upper = CHUNK_CLASSES.map(() => 0)
    const lower = CHUNK_CLASSES.map(() => 0)
    // NFKC as the legacy tokenizer did; ASCII text is already normal, so skip the pass.
    const normal = isAscii(text) ? text : text.normalize('NFKC')
    for (const m of normal.matchAll(PRE_TOKENIZER)) {
      let c = cache.get(m[0])
      if (c === undefined) {
        c = measure(m[0])
        if (cache.size >= MAX_CACHE) cache.clear()
        if (m[0].length <= MAX_CACHED_CHUNK) cache.set(m[0], c)
      }
      upper[c.cls] += c.upper
      lower[c.cls] += c.lower
    }
    return { upper, lower }
  }
  const count = (text: string, family: TokenizerFamily): TokenCount => {
    let point = 0
    let spread = 0
    for (const part of family === 'B' ? paragraphs(text) : [text]) {
      const a = calibrate(raw(part))
      // Family B has no public text-level ground truth: family A times a published ratio for the
      // part's kind of content, with a wider interval.
      const b = family === 'B' ? factors.familyB.multiplier[classify(part)] : 1
      const extra = family === 'B' ? factors.familyB.extraHalfWidth : 0
      point += a.point * b
      spread += (a.spread + a.point * extra) * b
    }
    return {
      tokens: Math.round(point),
      low: Math.max(0, Math.floor(point - spread - factors.familyA.absTokens)),
      high: Math.ceil(point + spread + factors.familyA.absTokens),
      family,
      method: 'offline'
    }
  }
  return { raw, count }
}

/** Point = calibrated midpoint of the two tilings; spread = half their gap + each class's half-width. */
export function calibrate(
  c: ChunkCounts,
  factor = byClass(factors.familyA.factor),
  halfWidth = byClass(factors.familyA.halfWidth)
) {
  let point = 0
  let spread = 0
  for (let i = 0; i < factor.length; i++) {
    const mid = ((c.upper[i] + c.lower[i]) / 2) * factor[i]
    point += mid
    spread += ((c.upper[i] - c.lower[i]) / 2) * factor[i] + mid * halfWidth[i]
  }
  return { point, spread }
}

/** Long texts are split into paragraphs so family B's per-content ratio follows a mixed file. */
function paragraphs(text: string): string[] {
  // The blank lines stay with the paragraph before them: they are tokens too.
  return text.length < 4000 ? [text] : text.split(/(?<=\n[^\S\n]*\n)/)
}

// Created on first use: a bundle that never counts (the post step) then leaves the vocabularies out.
let shared: ReturnType<typeof createTokenCounter> | undefined

/** Calibrated count with a ≥90% interval for the tokenizer family. */
export function countTokens(text: string, family: TokenizerFamily): TokenCount {
  shared ??= createTokenCounter()
  return shared.count(text, family)
}
