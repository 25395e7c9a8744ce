/**
 * `npm run accuracy`: the offline counter against the calibration set (exact claude-haiku-4-5 counts),
 * per category and aggregated, plus the share of API-verified single tokens we count as one token.
 */
import { readFileSync } from 'node:fs'
import { countTokens, rawTokens } from '../src/tokens/index.js'
import { classify } from '../src/tokens/classify.js'

const REF = process.env.ACG_REFERENCE ?? '../shared/reference/tokens'
const cal = JSON.parse(readFileSync(`${REF}/haiku-4-5.calibration.json`, 'utf8')) as {
  samples: Array<{ category: string; text: string; expected: number }>
}
const CI = new Set(['english-prose', 'code-python', 'code-js', 'structured', 'urls', 'numbers'])

interface Row {
  category: string
  err: number
  signed: number
  inside: boolean
}
const rows: Row[] = cal.samples
  .filter(s => s.expected >= 5)
  .map(s => {
    const c = countTokens(s.text, 'A')
    return {
      category: s.category,
      err: Math.abs(c.tokens - s.expected) / s.expected,
      signed: (c.tokens - s.expected) / s.expected,
      inside: s.expected >= c.low && s.expected <= c.high
    }
  })

if (process.argv.includes('--samples')) {
  for (const s of cal.samples) {
    const c = countTokens(s.text, 'A')
    console.log(
      `${s.category.padEnd(14)} ${classify(s.text).padEnd(12)} true ${String(s.expected).padStart(4)} est ${String(c.tokens).padStart(4)} [${c.low}, ${c.high}] raw ${rawTokens(s.text)}  ${JSON.stringify(s.text.slice(0, 50))}`
    )
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const p90 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.9 * xs.length) - 1)]
function line(name: string, rs: Row[]) {
  const errs = rs.map(r => r.err)
  const mean = errs.reduce((a, b) => a + b, 0) / errs.length
  const bias = rs.reduce((a, r) => a + r.signed, 0) / rs.length
  const cov = rs.filter(r => r.inside).length / rs.length
  console.log(
    `${name.padEnd(16)} n=${String(rs.length).padStart(3)}  mean ${pct(mean).padStart(6)}  p90 ${pct(p90(errs)).padStart(6)}  bias ${pct(bias).padStart(6)}  coverage ${pct(cov).padStart(6)}`
  )
}

console.log('Offline counter vs claude-haiku-4-5 (calibration set, samples under 5 tokens aside)\n')
for (const cat of [...new Set(rows.map(r => r.category))])
  line(
    cat,
    rows.filter(r => r.category === cat)
  )
console.log('')
line(
  'CI categories',
  rows.filter(r => CI.has(r.category))
)
line('all categories', rows)

const classes = new Map<string, number>()
for (const s of cal.samples)
  classes.set(
    `${s.category}→${classify(s.text)}`,
    (classes.get(`${s.category}→${classify(s.text)}`) ?? 0) + 1
  )
console.log(`\nclassifier (category→class): ${[...classes].map(([k, v]) => `${k}×${v}`).join(' ')}`)

const singles = JSON.parse(readFileSync(`${REF}/claude3-single-tokens.json`, 'utf8')) as string[]
const one = singles.filter(s => rawTokens(s) === 1).length
console.log(
  `\nsingle tokens: ${one} of ${singles.length} API-verified Family-A single tokens count as one (${pct(one / singles.length)})`
)
