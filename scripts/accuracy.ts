/**
 * `npm run accuracy`: the offline counter against the calibration set (exact claude-haiku-4-5
 * counts), per category and aggregated — as shipped (factors fitted on these very samples) and
 * leave-one-out (each sample estimated with factors fitted on the others: what an unseen text sees)
 * — plus the share of API-verified single tokens counted as one token. Prints; asserts nothing.
 */
import { readFileSync } from 'node:fs'
import { byClass, countTokens } from '../src/tokens/index.js'
import { bpeCount } from '../src/tokens/bpe.js'
import { toBytes } from '../src/tokens/vocabulary.js'
import factors from '../src/tokens/factors.json' with { type: 'json' }
import { CI_CATEGORIES, MIN_TOKENS, REF, leaveOneOut, loadSamples } from './token-fit.js'

interface Row {
  category: string
  estimate: number
  expected: number
  inside: boolean
}

const samples = loadSamples()
const scored = samples.filter(s => s.expected >= MIN_TOKENS)
const counted = samples.map(s => ({ ...s, count: countTokens(s.text, 'A') }))
const shipped: Row[] = counted
  .filter(s => s.expected >= MIN_TOKENS)
  .map(s => ({
    category: s.category,
    estimate: s.count.tokens,
    expected: s.expected,
    inside: s.expected >= s.count.low && s.expected <= s.count.high
  }))
const held: Row[] = leaveOneOut(scored, byClass(factors.familyA.halfWidth)).map(r => ({
  category: r.sample.category,
  estimate: r.point,
  expected: r.sample.expected,
  inside: Math.abs(r.sample.expected - r.point) <= r.spread + factors.familyA.absTokens
}))

if (process.argv.includes('--samples')) {
  for (const { category, expected, count: c, text } of counted) {
    console.log(
      `${category.padEnd(14)} true ${String(expected).padStart(4)} est ${String(c.tokens).padStart(4)} [${c.low}, ${c.high}]  ${JSON.stringify(text.slice(0, 50))}`
    )
  }
  console.log('')
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.9 * xs.length) - 1)]
function line(name: string, rs: Row[]) {
  const rel = rs.map(r => (r.estimate - r.expected) / r.expected)
  const errs = rel.map(Math.abs)
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  return `${name.padEnd(16)} n=${String(rs.length).padStart(3)}  mean ${pct(mean(errs)).padStart(6)}  p90 ${pct(p90(errs)).padStart(6)}  bias ${pct(mean(rel)).padStart(6)}  coverage ${pct(rs.filter(r => r.inside).length / rs.length).padStart(6)}`
}
function table(title: string, rows: Row[]) {
  console.log(`${title}\n`)
  for (const cat of [...new Set(rows.map(r => r.category))])
    console.log(
      line(
        cat,
        rows.filter(r => r.category === cat)
      )
    )
  console.log('')
  console.log(
    line(
      'CI categories',
      rows.filter(r => CI_CATEGORIES.has(r.category))
    )
  )
  console.log(line('all categories', rows))
  console.log('')
}
console.log(
  `Offline counter vs claude-haiku-4-5: ${scored.length} calibration samples of ${MIN_TOKENS}+ tokens\n`
)
table('As shipped (factors fitted on these samples)', shipped)
table(
  'Leave-one-out (each sample with factors fitted on the others: the figure to expect on unseen text)',
  held
)

const singles = JSON.parse(readFileSync(`${REF}/claude3-single-tokens.json`, 'utf8')) as string[]
const asOne = singles.filter(s => countTokens(s, 'A').tokens === 1).length
const legacyOne = singles.filter(s => bpeCount(toBytes(s)) === 1).length
console.log(
  `single tokens: ${asOne} of ${singles.length} API-verified family A single tokens count as one (${pct(asOne / singles.length)}); ` +
    `they are part of the counter's vocabulary, so this checks the pre-tokenizer and calibration, not the vocabulary. ` +
    `The legacy BPE alone: ${legacyOne} (${pct(legacyOne / singles.length)}).`
)
