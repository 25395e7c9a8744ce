/**
 * Byte-pair encoding over the legacy Claude ranks (@anthropic-ai/tokenizer 0.0.4). Only chunks the
 * verified vocabulary cannot tile well (words of thinly covered scripts, emoji) come here, so the
 * rank table is built on first use. Counts only; ids are never needed.
 */
import { legacyTokens } from './vocabulary.js'

let ranks: Map<string, number> | undefined

// BPE is quadratic in a chunk's length; a run of emoji can be one chunk of megabytes. Counting it in
// pieces this long costs at most one token per piece.
const PIECE_BYTES = 128

/** Number of BPE tokens of one pre-token chunk (bytes as a latin1 string). */
export function bpeCount(bytes: string): number {
  if (bytes.length <= PIECE_BYTES) return bpePiece(bytes)
  let n = 0
  for (let i = 0; i < bytes.length; i += PIECE_BYTES) n += bpePiece(bytes.slice(i, i + PIECE_BYTES))
  return n
}

function bpePiece(bytes: string): number {
  ranks ??= new Map(legacyTokens().map((t, i) => [t, i]))
  const table = ranks
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
