// Writes the two vocabularies the offline counter tiles with, as data files the bundle imports, so
// the runtime needs neither @anthropic-ai/tokenizer nor its WASM:
// - src/tokens/vocab.json: the legacy Claude BPE ranks (Apache-2.0, from the devDependency
//   @anthropic-ai/tokenizer);
// - src/tokens/verified.json: strings Claude 3+ is known (API-verified) to encode as one token
//   (reference/tokens/claude3-single-tokens.json; ctoc / bito-lint probes of count_tokens).
import { readFileSync, writeFileSync } from 'node:fs'

const src = JSON.parse(readFileSync('node_modules/@anthropic-ai/tokenizer/claude.json', 'utf8'))
const [, offset, ...tokens] = src.bpe_ranks.split(' ')
writeFileSync(
  'src/tokens/vocab.json',
  JSON.stringify({
    source: '@anthropic-ai/tokenizer 0.0.4 claude.json (Apache-2.0, Anthropic): legacy Claude BPE ranks',
    firstRank: Number(offset),
    tokens: tokens.join(' ')
  }) + '\n'
)
console.log(`wrote ${tokens.length} legacy ranks`)

const ref = process.env.ACG_REFERENCE ?? 'reference/tokens'
const verified = JSON.parse(readFileSync(`${ref}/claude3-single-tokens.json`, 'utf8'))
writeFileSync(
  'src/tokens/verified.json',
  JSON.stringify({
    source:
      'claude3-single-tokens.json: strings verified through Anthropic count_tokens to be one Claude 3+ (family A) token (rohangpta/ctoc, claylo/bito-lint probes)',
    tokens: [...verified].sort()
  }) + '\n'
)
console.log(`wrote ${verified.length} verified single tokens`)
