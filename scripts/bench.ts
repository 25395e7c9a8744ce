/**
 * `npm run bench`: throughput of our offline counter vs @anthropic-ai/tokenizer (its tokenizer object
 * reused, as a careful user would) on the same generated multi-megabyte corpus of code, prose and JSON.
 * Every pass of ours starts with an empty chunk cache, so no pass gains from having seen the corpus;
 * one-time set-up (vocabulary tables, WASM tokenizer) is timed apart. Prints; asserts nothing.
 */
import { createRequire } from 'node:module'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createTokenCounter } from '../src/tokens/index.js'

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

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6

/** Each pass timed on its own; `fresh` builds whatever state a pass must not inherit. */
function passes<T>(fresh: () => T, run: (state: T) => number, n = 5): { times: number[]; tokens: number } {
  const times: number[] = []
  let tokens = 0
  for (let i = 0; i < n; i++) {
    const state = fresh()
    const t0 = process.hrtime.bigint()
    tokens = run(state)
    times.push(ms(t0))
  }
  return { times, tokens }
}

const docs = corpus()
const mb = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0) / 1e6
console.log(
  `corpus: ${docs.length} texts, ${mb.toFixed(2)} MB (code ${docs.filter(d => d.kind === 'code').length}, prose ${docs.filter(d => d.kind === 'prose').length}, json ${docs.filter(d => d.kind === 'json').length})`
)

let t0 = process.hrtime.bigint()
createTokenCounter().count('warm up: builds the vocabulary tables ½ ∑ مرحبا 😀', 'A')
const oursInit = ms(t0)
t0 = process.hrtime.bigint()
const tokenizer = getTokenizer()
const theirsInit = ms(t0)

const ours = passes(createTokenCounter, c => docs.reduce((s, d) => s + c.count(d.text, 'A').tokens, 0))
const theirs = passes(
  () => tokenizer,
  t => docs.reduce((s, d) => s + t.encode(d.text.normalize('NFKC'), 'all').length, 0)
)
const warm = createTokenCounter()
const reused = passes(
  () => warm,
  c => docs.reduce((s, d) => s + c.count(d.text, 'A').tokens, 0)
)
tokenizer.free()

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rate = (t: number) => mb / (t / 1000)
const line = (name: string, init: number, r: { times: number[]; tokens: number }) =>
  console.log(
    `${name.padEnd(44)} set-up ${init.toFixed(0).padStart(4)} ms · median of ${r.times.length} ${rate(median(r.times)).toFixed(1).padStart(5)} MB/s (${r.times.map(t => rate(t).toFixed(1)).join(', ')}) · ${r.tokens} tokens`
  )
line('agent-credit-gate, empty chunk cache each pass', oursInit, ours)
line('@anthropic-ai/tokenizer (WASM, reused)', theirsInit, theirs)
line('agent-credit-gate, chunk cache kept (re-count)', 0, reused)
console.log(
  `ratio (medians, empty cache vs WASM): ${(median(theirs.times) / median(ours.times)).toFixed(2)}×`
)
