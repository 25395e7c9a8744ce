/** Content class of a text, from its characters alone: it picks family B's ratio over family A. */
export type ContentClass =
  'prose' | 'code' | 'structured' | 'urls' | 'numbers' | 'cjk' | 'other-script' | 'emoji' | 'symbols'

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu
const OTHER_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Cyrillic}\p{Script=Devanagari}\p{Script=Thai}\p{Script=Greek}]/gu
const EMOJI = /\p{Extended_Pictographic}/gu
// Symbols and punctuation outside ASCII (©, →, ∑, …): the Family A vocabulary splits them into bytes.
const NON_ASCII_SYMBOL = /(?![\p{ASCII}])[^\p{L}\p{N}\s]/gu
const DIGIT = /\p{N}/gu
const CODE =
  /(^|\n)\s*(def |class |import |from \S+ import|function |const |let |var |return\b|if \(|for \(|#include|public |async )|=>|[;{}]\s*(\n|$)/g
const STRUCTURED = /^\s*[[{<]|^\s*[\w-]+:\s|^[^\n,]+(,[^\n,]*){2,}\n/m

const share = (text: string, re: RegExp, of: number) => (text.match(re)?.length ?? 0) / Math.max(of, 1)

/** Classify by character shares first (scripts, emoji, symbols, digits), then by code/markup shape. */
export function classify(text: string): ContentClass {
  const visible = text.replace(/\s+/g, '').length
  if (visible === 0) return 'prose'
  if (share(text, CJK, visible) > 0.2) return 'cjk'
  if (share(text, OTHER_SCRIPT, visible) > 0.2) return 'other-script'
  if (share(text, EMOJI, visible) > 0.04) return 'emoji'
  if (share(text, NON_ASCII_SYMBOL, visible) > 0.06) return 'symbols'
  const urls = text.match(/\bhttps?:\/\/\S+/g) ?? []
  if (urls.join('').length > 0.5 * visible) return 'urls'
  if (share(text, DIGIT, visible) > 0.4) return 'numbers'
  if ((text.match(CODE)?.length ?? 0) >= 2) return 'code'
  if (STRUCTURED.test(text)) return 'structured'
  return 'prose'
}
