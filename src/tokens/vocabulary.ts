/**
 * The two vocabularies, as byte strings (latin1: one char per byte), decoded once on first use.
 * - verified: strings Claude 3+ is known to encode as one token (a subset of its real vocabulary);
 * - legacy: the Claude 1/2 BPE ranks, in rank order (a different, overlapping vocabulary).
 */
import legacy from './vocab.json' with { type: 'json' }
import verified from './verified.json' with { type: 'json' }

const NON_ASCII = /[^\p{ASCII}]/u
/** True when every char is ASCII: then the text is its own UTF-8 bytes, and already NFKC-normal. */
export const isAscii = (s: string): boolean => !NON_ASCII.test(s)
/** UTF-8 bytes as a latin1 string (one char per byte). */
export const toBytes = (s: string): string => (isAscii(s) ? s : Buffer.from(s, 'utf8').toString('latin1'))

let legacyList: string[] | undefined
let verifiedList: string[] | undefined

export function legacyTokens(): string[] {
  legacyList ??= legacy.tokens.split(' ').map(b64 => Buffer.from(b64, 'base64').toString('latin1'))
  return legacyList
}

export function verifiedTokens(): string[] {
  verifiedList ??= verified.tokens.map(toBytes)
  return verifiedList
}
