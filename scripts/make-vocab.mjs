// Copies the legacy Claude BPE ranks (Apache-2.0, from the devDependency @anthropic-ai/tokenizer)
// into a data file the bundle imports, so the runtime needs neither that package nor its WASM.
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
console.log(`wrote ${tokens.length} ranks`)
