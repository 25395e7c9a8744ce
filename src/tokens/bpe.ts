/**
 * Byte-pair encoding over the legacy Claude ranks with a cl100k-style pre-tokenizer: Claude 3+
 * splits newlines from the indentation after them and digits into groups of 1–3 (tokenizer.md §5c).
 * Counts only; ids are never needed. Pre-token chunks repeat heavily, so their counts are cached.
 */
import vocab from './vocab.json' with { type: 'json' }

const PRE_TOKENIZER =
  /'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD]|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu

let ranks: Map<string, number> | undefined

/** Rank of each token, keyed by its bytes as a latin1 string (one char per byte). */
function rankTable(): Map<string, number> {
  if (ranks) return ranks
  ranks = new Map()
  let rank = vocab.firstRank
  for (const b64 of vocab.tokens.split(' ')) ranks.set(Buffer.from(b64, 'base64').toString('latin1'), rank++)
  return ranks
}

/** Number of BPE tokens of one pre-token chunk (bytes as a latin1 string). */
function bpeCount(bytes: string, table: Map<string, number>): number {
  if (bytes.length <= 1 || table.has(bytes)) return 1
  // parts[i] = start offset of part i; merge the adjacent pair with the lowest rank until none is known.
  const parts: number[] = []
  for (let i = 0; i <= bytes.length; i++) parts.push(i)
  for (;;) {
    let best = Infinity
    let at = -1
    for (let i = 0; i < parts.length - 2; i++) {
      const r = table.get(bytes.slice(parts[i], parts[i + 2]))
      if (r !== undefined && r < best) {
        best = r
        at = i
      }
    }
    if (at < 0) break
    parts.splice(at + 1, 1)
  }
  return parts.length - 1
}

const MAX_CACHE = 200_000

/** A reusable counter: raw BPE token count of a text (NFKC-normalised, as Claude does). */
export function createBpeCounter(): (text: string) => number {
  const table = rankTable()
  const cache = new Map<string, number>()
  return (text: string) => {
    let total = 0
    for (const m of text.normalize('NFKC').matchAll(PRE_TOKENIZER)) {
      const chunk = m[0]
      let n = cache.get(chunk)
      if (n === undefined) {
        n = bpeCount(Buffer.from(chunk, 'utf8').toString('latin1'), table)
        if (cache.size >= MAX_CACHE) cache.clear()
        cache.set(chunk, n)
      }
      total += n
    }
    return total
  }
}
