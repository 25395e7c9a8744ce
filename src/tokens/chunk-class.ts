/**
 * What a pre-token chunk is made of. The class picks how the chunk is counted (tiled over the
 * verified vocabulary, or legacy BPE where that vocabulary is thin) and which calibration factor
 * applies, so a mixed text (prose with numbers, code with an Arabic string) is calibrated per part.
 */
import { isAscii } from './vocabulary.js'

export const CHUNK_CLASSES = ['word', 'digits', 'space', 'punct', 'symbol', 'script', 'cjk', 'emoji'] as const
export type ChunkClass = (typeof CHUNK_CLASSES)[number]

const EMOJI = /\p{Extended_Pictographic}|\u20e3|\ufe0f/u
// Words of scripts the verified vocabulary barely covers (Arabic, Cyrillic, Greek, kana, Indic, …):
// two letters in a row. A lone σ or μ in a formula is tiled like any other letter.
const THIN_SCRIPT_WORD =
  /[^\p{ASCII}\p{Script=Latin}\p{Script=Han}\p{Script=Hangul}\p{Script=Common}\p{Script=Inherited}]{2}/u
const CJK = /[\p{Script=Han}\p{Script=Hangul}]/u
const LETTER = /\p{L}/u
const DIGIT = /\p{N}/u
const SPACE = /^\s+$/u

/** Class of one chunk (decoded text, not bytes). */
export function chunkClass(chunk: string): ChunkClass {
  if (isAscii(chunk)) {
    if (/[A-Za-z]/.test(chunk)) return 'word'
    if (/[0-9]/.test(chunk)) return 'digits'
    return SPACE.test(chunk) ? 'space' : 'punct'
  }
  if (EMOJI.test(chunk)) return 'emoji'
  if (THIN_SCRIPT_WORD.test(chunk)) return 'script'
  if (CJK.test(chunk)) return 'cjk'
  if (LETTER.test(chunk)) return 'word'
  if (DIGIT.test(chunk)) return 'digits'
  return SPACE.test(chunk) ? 'space' : 'symbol'
}

/** Chunks of these classes are counted by legacy BPE: the verified vocabulary lacks their tokens. */
export const viaLegacyBpe = (c: ChunkClass): boolean => c === 'script' || c === 'emoji'
