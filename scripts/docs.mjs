// `npm run docs`: regenerates what is written from one source of truth.
//   - action.yml's `inputs:` and `outputs:` and the README's two tables, from src/config/inputs.json;
//   - docs/architecture.md's graph of imports between the folders of src/, from the sources.
// `npm run docs -- --check` changes nothing and fails when a committed file differs (CI runs it).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import * as prettier from 'prettier'

const check = process.argv.includes('--check')
const { inputs, outputs } = JSON.parse(readFileSync('src/config/inputs.json', 'utf8'))
const config = await prettier.resolveConfig('README.md')
const format = (text, filepath) => prettier.format(text, { ...config, filepath })

const quote = s => `'${s.replace(/'/g, "''")}'`

function actionYml(current) {
  const lines = ['inputs:']
  for (const i of inputs) {
    lines.push(`  ${i.name}:`, `    description: ${quote(i.description)}`, '    required: false')
    lines.push(`    default: ${quote(i.default)}`)
  }
  lines.push('outputs:')
  for (const o of outputs) lines.push(`  ${o.name}:`, `    description: ${quote(o.description)}`)
  const start = current.indexOf('\ninputs:\n')
  const end = current.indexOf('\nruns:\n')
  if (start < 0 || end < start) throw new Error('action.yml: expected inputs: … runs: sections')
  return `${current.slice(0, start + 1)}${lines.join('\n')}\n${current.slice(end + 1)}`
}

const cell = s => s.replace(/\|/g, '\\|')
function tables() {
  const input = [
    '| input | default | what it does |',
    '| --- | --- | --- |',
    ...inputs.map(i => `| \`${i.name}\` | ${i.default ? `\`${i.default}\`` : ''} | ${cell(i.description)} |`)
  ]
  const output = [
    '| output | what it holds |',
    '| --- | --- |',
    ...outputs.map(o => `| \`${o.name}\` | ${cell(o.description)} |`)
  ]
  return `${input.join('\n')}\n\n${output.join('\n')}`
}

function between(text, name, body, file) {
  const open = `<!-- ${name}:start (npm run docs) -->`
  const close = `<!-- ${name}:end -->`
  const a = text.indexOf(open)
  const b = text.indexOf(close)
  if (a < 0 || b < a) throw new Error(`${file}: expected the markers ${open} … ${close}`)
  return `${text.slice(0, a + open.length)}\n\n${body}\n\n${text.slice(b)}`
}

const { layers } = JSON.parse(readFileSync('scripts/layers.json', 'utf8'))

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )
}
const folderOf = file => relative('src', file).split('/')[0].replace(/\.js$/, '.ts')

/** Folder → folder import edges of src/. */
function folderEdges() {
  const edges = new Set()
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
      const to = folderOf(resolve(dirname(file), m[1]).replace(`${resolve('src')}/`, 'src/'))
      const from = folderOf(file)
      // An import from outside src/ (package.json, for the CLI's --version) is data, not a folder.
      if (to !== from && !to.startsWith('..')) edges.add(`${from} --> ${to}`)
    }
  }
  return [...edges].sort()
}

function architecture() {
  const id = f => f.replace('.ts', '')
  const lines = ['```mermaid', 'flowchart TD']
  layers.forEach((layer, i) => {
    lines.push(`  subgraph L${i}["${layer.name}"]`, '    direction LR')
    for (const f of layer.folders) lines.push(`    ${id(f)}["${f}"]`)
    lines.push('  end')
  })
  for (const e of folderEdges()) lines.push(`  ${e.split(' --> ').map(id).join(' --> ')}`)
  lines.push('```')
  return lines.join('\n')
}

const targets = [
  ['action.yml', current => actionYml(current)],
  ['README.md', current => between(current, 'inputs', tables(), 'README.md')],
  ['docs/architecture.md', current => between(current, 'imports', architecture(), 'docs/architecture.md')]
]

let stale = []
for (const [file, make] of targets) {
  const current = readFileSync(file, 'utf8')
  const next = await format(make(current), file)
  if (next === current) continue
  if (check) stale.push(file)
  else writeFileSync(file, next)
}
if (stale.length) {
  console.error(
    `npm run docs: ${stale.join(', ')} differ from what they are generated from; run npm run docs and commit`
  )
  process.exit(1)
}
console.log(check ? 'docs are up to date' : 'docs written')
