/**
 * The tree shows its design: drawn as imports between the folders of src/, shells sit on top, use
 * cases below them, the domain core below that and the edges (stores, GitHub, files) at the bottom,
 * with no import running back up and no cycle between folders.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import layerFile from '../../scripts/layers.json' with { type: 'json' }

const SRC = resolve('src')
const layerOf = new Map(layerFile.layers.flatMap((l, i) => l.folders.map(f => [f, i] as const)))
const CORE = layerFile.layers.findIndex(l => l.name.startsWith('domain core'))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )
}
const folderOf = (path: string) => relative(SRC, path).split('/')[0].replace(/\.js$/, '.ts')

interface Edge {
  file: string
  from: string
  to: string
  typeOnly: boolean
}

const edges: Edge[] = sourceFiles(SRC).flatMap(file =>
  [...readFileSync(file, 'utf8').matchAll(/^(import|export)( type)?[^'"]*?from '(\.[^']+)'/gm)].map(m => ({
    file: relative(SRC, file),
    from: folderOf(file),
    to: folderOf(resolve(dirname(file), m[3])),
    typeOnly: Boolean(m[2])
  }))
)

describe('the source tree', () => {
  it('puts every folder of src/ in a layer, and nothing but the error type at its root', () => {
    const top = readdirSync(SRC)
    expect(top.filter(f => !layerOf.has(f))).toEqual([])
  })
  it('imports only downwards (or within a layer)', () => {
    const upward = edges
      .filter(e => e.from !== e.to && layerOf.get(e.to)! < layerOf.get(e.from)!)
      .map(e => `${e.file} → ${e.to}`)
    expect(upward).toEqual([])
  })
  it('keeps the core pure: it imports from the edges nothing but types', () => {
    const io = edges
      .filter(
        e => layerOf.get(e.from) === CORE && layerOf.get(e.to)! > CORE && e.to !== 'errors.ts' && !e.typeOnly
      )
      .map(e => `${e.file} → ${e.to}`)
    expect(io).toEqual([])
  })
  it('has no cycle between folders', () => {
    const next = new Map<string, Set<string>>()
    for (const e of edges)
      if (e.from !== e.to) (next.get(e.from) ?? next.set(e.from, new Set()).get(e.from)!).add(e.to)
    const cycles: string[] = []
    const visit = (node: string, path: string[]) => {
      for (const to of next.get(node) ?? []) {
        if (to === path[0]) cycles.push([...path, to].join(' → '))
        else if (!path.includes(to)) visit(to, [...path, to])
      }
    }
    for (const node of next.keys()) visit(node, [node])
    expect(cycles).toEqual([])
  })
  it('keeps the bundle roots to a line or two', () => {
    for (const f of readdirSync(join(SRC, 'entry'))) {
      const code = readFileSync(join(SRC, 'entry', f), 'utf8')
        .split('\n')
        .filter(l => l.trim() && !l.startsWith('import') && !l.startsWith('//') && !l.startsWith('#!'))
      expect({ f, lines: code.length <= 2 }).toEqual({ f, lines: true })
    }
  })
})
