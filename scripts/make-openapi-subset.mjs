// Dev-time only (never in CI): cut the GitHub REST operations our code calls out of GitHub's published
// OpenAPI description (@octokit/openapi) into __tests__/support/github-openapi-subset.json, which the
// GitHub double validates every request and response against.
//
// @octokit/openapi is 404 MB unpacked, so it is not a dependency: this script `npm pack`s one version
// into a temp folder and extracts only generated/api.github.com.json (13 MB). The operations are the
// `octokit.rest.<scope>.<method>` calls found in src/, so a new call shows up on the next run.
//
//   npm run openapi:subset                 # latest @octokit/openapi
//   npm run openapi:subset -- 23.0.2       # a given version
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as prettier from 'prettier'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, '__tests__/support/github-openapi-subset.json')
const SPEC = 'package/generated/api.github.com.json'

/** Every `octokit.rest.scope.method` in src/, as OpenAPI operationIds (`git.getRef` → `git/get-ref`). */
export function operationIdsIn(dir) {
  const ids = new Set()
  const walk = d => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/\.rest\.(\w+)\.(\w+)/g))
          ids.add(`${m[1]}/${m[2].replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`)
    }
  }
  walk(dir)
  return [...ids].sort()
}

/** Keywords that document but never constrain: dropped to keep the committed file small. */
const DOC_ONLY = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'externalDocs',
  'x-github',
  'tags'
])

/** Drop documentation keywords, but never a property that is merely named like one (`summary`). */
function strip(value, names = false) {
  if (Array.isArray(value)) return value.map(v => strip(v))
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => names || !DOC_ONLY.has(k))
      .map(([k, v]) => [k, strip(v, !names && k === 'properties')])
  )
}

/** The operations, and every component they reach through $ref, copied from the full spec. */
export function cutSubset(spec, operationIds) {
  const paths = {}
  const found = new Set()
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!operationIds.includes(op?.operationId)) continue
      found.add(op.operationId)
      paths[path] ??= {}
      paths[path][method] = strip({
        operationId: op.operationId,
        parameters: op.parameters,
        requestBody: op.requestBody,
        responses: op.responses
      })
    }
  }
  const missing = operationIds.filter(id => !found.has(id))
  if (missing.length) throw new Error(`not in the spec: ${missing.join(', ')}`)

  const components = {}
  const pending = [paths]
  while (pending.length) {
    const node = pending.pop()
    if (node === null || typeof node !== 'object') continue
    if (typeof node.$ref === 'string') {
      const [, kind, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(node.$ref) ?? []
      if (!kind) throw new Error(`unexpected $ref ${node.$ref}`)
      components[kind] ??= {}
      if (!(name in components[kind])) {
        components[kind][name] = strip(spec.components[kind][name])
        pending.push(components[kind][name])
      }
    }
    for (const v of Object.values(node)) pending.push(v)
  }
  // The generic error bodies the double sends where an operation declares none (401, 403, 5xx).
  for (const name of ['basic-error', 'validation-error']) {
    components.schemas ??= {}
    components.schemas[name] ??= strip(spec.components.schemas[name])
  }
  for (const kind of Object.keys(components)) {
    components[kind] = Object.fromEntries(
      Object.entries(components[kind]).sort(([a], [b]) => a.localeCompare(b))
    )
  }
  return { paths, components }
}

async function main() {
  const version =
    process.argv[2] ??
    execFileSync('npm', ['view', '@octokit/openapi', 'version'], { encoding: 'utf8' }).trim()
  const temp = mkdtempSync(join(tmpdir(), 'openapi-'))
  try {
    const tgz = execFileSync(
      'npm',
      ['pack', `@octokit/openapi@${version}`, '--pack-destination', temp, '--silent'],
      { encoding: 'utf8' }
    ).trim()
    execFileSync('tar', ['-xzf', join(temp, tgz.split('\n').pop()), '-C', temp, SPEC])
    const spec = JSON.parse(readFileSync(join(temp, SPEC), 'utf8'))
    const operationIds = operationIdsIn(join(ROOT, 'src'))
    const subset = {
      openapi: spec.openapi,
      info: {
        title: 'GitHub REST API: the operations agent-credit-gate calls',
        source: `@octokit/openapi@${version} ${SPEC.replace(/^package\//, '')}`,
        extractedAt: new Date().toISOString().slice(0, 10),
        script: 'scripts/make-openapi-subset.mjs',
        operations: operationIds
      },
      ...cutSubset(spec, operationIds)
    }
    const options = (await prettier.resolveConfig(OUT)) ?? {}
    writeFileSync(OUT, await prettier.format(JSON.stringify(subset), { ...options, parser: 'json' }))
    console.log(
      `${OUT}: ${operationIds.length} operations from @octokit/openapi@${version}, ${statSync(OUT).size} bytes`
    )
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main()
