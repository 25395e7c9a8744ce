/**
 * `npm run bench`: throughput of our offline counter vs @anthropic-ai/tokenizer (its tokenizer object
 * reused, as a careful user would) on the same generated multi-megabyte corpus of code, prose and JSON.
 * Prints measured numbers; it asserts nothing.
 */
import { createRequire } from 'node:module'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { countTokens } from '../src/tokens/index.js'

// Resolved at run time from the project's node_modules: the bundle must not carry the WASM tokenizer.
const requireHere = createRequire(join(process.cwd(), 'package.json'))
const { getTokenizer } = requireHere('@anthropic-ai/tokenizer') as {
  getTokenizer: () => { encode: (t: string, allowed: 'all') => Uint32Array; free: () => void }
}

function files(dir: string, exts: RegExp, out: string[], limit: number): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (out.length >= limit) break
    const path = join(dir, name)
    const s = statSync(path)
    if (s.isDirectory()) files(path, exts, out, limit)
    else if (exts.test(name) && s.size < 200_000) out.push(path)
  }
  return out
}

/** Deterministic corpus from the packages every checkout installs: JS/TS code, markdown prose, JSON. */
function corpus(): Array<{ kind: string; text: string }> {
  const pick = (exts: RegExp, limit: number, budget: number) => {
    const texts: string[] = []
    let size = 0
    for (const f of files('node_modules', exts, [], limit)) {
      if (size > budget) break
      const t = readFileSync(f, 'utf8')
      texts.push(t)
      size += t.length
    }
    return texts
  }
  return [
    ...pick(/\.(js|ts)$/, 4000, 3_000_000).map(text => ({ kind: 'code', text })),
    ...pick(/\.md$/, 4000, 1_500_000).map(text => ({ kind: 'prose', text })),
    ...pick(/\.json$/, 4000, 1_500_000).map(text => ({ kind: 'json', text }))
  ]
}

/** First (cold: our chunk cache empty) and best of 3 passes. */
function time(fn: () => number): { first: number; ms: number; tokens: number } {
  let best = Infinity
  let first = 0
  let tokens = 0
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint()
    tokens = fn()
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (i === 0) first = ms
    best = Math.min(best, ms)
  }
  return { first, ms: best, tokens }
}

const docs = corpus()
const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0)
const mb = bytes / 1e6
console.log(
  `corpus: ${docs.length} texts, ${mb.toFixed(2)} MB (code ${docs.filter(d => d.kind === 'code').length}, prose ${docs.filter(d => d.kind === 'prose').length}, json ${docs.filter(d => d.kind === 'json').length})`
)

const ours = time(() => docs.reduce((s, d) => s + countTokens(d.text, 'A').tokens, 0))
const tokenizer = getTokenizer()
const theirs = time(() =>
  docs.reduce((s, d) => s + tokenizer.encode(d.text.normalize('NFKC'), 'all').length, 0)
)
tokenizer.free()

const rate = (ms: number) => mb / (ms / 1000)
const line = (name: string, r: ReturnType<typeof time>) =>
  console.log(
    `${name.padEnd(36)} first pass ${rate(r.first).toFixed(1)} MB/s · best of 3 ${rate(r.ms).toFixed(1)} MB/s · ${r.tokens} tokens`
  )
line('agent-credit-gate countTokens', ours)
line('@anthropic-ai/tokenizer (reused)', theirs)
console.log(
  `ratio: first pass ${(theirs.first / ours.first).toFixed(2)}×, best of 3 ${(theirs.ms / ours.ms).toFixed(2)}×`
)
