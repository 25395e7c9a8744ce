/**
 * Fewest-token tilings of a chunk, over two vocabularies that bracket Claude 3+'s real one:
 * - upper: the verified single tokens alone (plus single bytes). Every verified string is a real
 *   token, but real tokens are missing from the list, so this tiling uses too many tokens;
 * - lower: the verified tokens plus the legacy vocabulary's ASCII tokens. Some of those are not real
 *   tokens, so this tiling uses too few.
 * The point estimate is their midpoint and the gap between them widens the interval.
 */
import { isAscii, legacyTokens, verifiedTokens } from './vocabulary.js'

const UPPER = 1
const LOWER = 2
// The longest verified token is 64 bytes; the legacy list's longer ones are runs of one character
// (up to 1,024 spaces) that would make the tiling slow on long whitespace and claim too few tokens.
const MAX_TOKEN_BYTES = 64

/** A byte trie: child of node n by byte b at key n·256 + b; flags per node say which vocabulary ends there. */
interface Trie {
  child: Map<number, number>
  flags: number[]
}

let trie: Trie | undefined

function vocabularyTrie(): Trie {
  if (trie) return trie
  const t: Trie = { child: new Map(), flags: [0] }
  const add = (token: string, bit: number) => {
    if (token.length > MAX_TOKEN_BYTES) return
    let node = 0
    for (let i = 0; i < token.length; i++) {
      const key = node * 256 + token.charCodeAt(i)
      let next = t.child.get(key)
      if (next === undefined) {
        next = t.flags.length
        t.flags.push(0)
        t.child.set(key, next)
      }
      node = next
    }
    t.flags[node] |= bit
  }
  for (const token of verifiedTokens()) add(token, UPPER | LOWER)
  for (const token of legacyTokens()) if (isAscii(token)) add(token, LOWER)
  trie = t
  return t
}

/** [upper, lower] token counts of one chunk (bytes as a latin1 string). */
export function tile(bytes: string): [number, number] {
  const n = bytes.length
  if (n <= 1) return [n, n]
  const { child, flags } = vocabularyTrie()
  const up = new Array<number>(n + 1).fill(n)
  const lo = new Array<number>(n + 1).fill(n)
  up[0] = 0
  lo[0] = 0
  for (let i = 0; i < n; i++) {
    // A single byte is always a token (byte fallback), whatever the vocabularies hold.
    if (up[i] + 1 < up[i + 1]) up[i + 1] = up[i] + 1
    if (lo[i] + 1 < lo[i + 1]) lo[i + 1] = lo[i] + 1
    let node = child.get(bytes.charCodeAt(i)) ?? -1
    for (let j = i + 2; j <= n && node >= 0; j++) {
      node = child.get(node * 256 + bytes.charCodeAt(j - 1)) ?? -1
      if (node < 0) break
      const f = flags[node]
      if (f & UPPER && up[i] + 1 < up[j]) up[j] = up[i] + 1
      if (f & LOWER && lo[i] + 1 < lo[j]) lo[j] = lo[i] + 1
    }
  }
  return [up[n], lo[n]]
}
