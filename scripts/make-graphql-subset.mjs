// Dev-time only (never in CI): cut the part of GitHub's GraphQL schema our queries use out of
// @octokit/graphql-schema (a devDependency) into __tests__/support/github-graphql-subset.graphql, which
// the GitHub double validates and executes every GraphQL request against. The queries are the template
// literals marked /* GraphQL */ in src/, so a new or changed query shows up on the next run.
//
//   npm run graphql:subset
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  TypeInfo,
  buildSchema,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isEnumType,
  parse,
  print,
  visit,
  visitWithTypeInfo
} from 'graphql'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, '__tests__/support/github-graphql-subset.graphql')
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID'])

/** Every template literal marked /* GraphQL *\/ in the .ts files under `dir`. */
export function queriesIn(dir) {
  const found = []
  const walk = d => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/\/\* GraphQL \*\/ `([^`]*)`/g)) found.push(m[1])
    }
  }
  walk(dir)
  return found
}

/** GitHub's schema as @octokit/graphql-schema ships it (it defines two fields twice: not our concern). */
export function fullSchema() {
  const dir = join(ROOT, 'node_modules/@octokit/graphql-schema')
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
  return {
    schema: buildSchema(readFileSync(join(dir, 'schema.graphql'), 'utf8'), { assumeValidSDL: true }),
    version
  }
}

/** The types and fields `queries` touch, with every argument and interface they need, as SDL. */
export function cutGraphqlSubset(schema, queries) {
  const fields = new Map() // type name → Set of field names
  const types = new Set()
  const use = type => {
    const named = getNamedType(type)
    if (!named || types.has(named.name)) return
    types.add(named.name)
    if (isInputObjectType(named)) for (const f of Object.values(named.getFields())) use(f.type)
  }
  const typeInfo = new TypeInfo(schema)
  for (const query of queries) {
    visit(
      parse(query),
      visitWithTypeInfo(typeInfo, {
        Field() {
          const parent = typeInfo.getParentType()
          const field = typeInfo.getFieldDef()
          if (!parent || !field || field.name.startsWith('__')) return
          use(parent)
          if (!fields.has(parent.name)) fields.set(parent.name, new Set())
          fields.get(parent.name).add(field.name)
          use(field.type)
          for (const arg of field.args) use(arg.type)
        },
        InlineFragment() {
          const t = typeInfo.getType()
          if (t) use(t)
        },
        VariableDefinition() {
          use(typeInfo.getInputType())
        }
      })
    )
  }
  // An object keeps every field of the interfaces it keeps, as the schema requires.
  for (const name of types) {
    const t = schema.getType(name)
    if (!isObjectType(t) && !isInterfaceType(t)) continue
    for (const i of t.getInterfaces().filter(i => types.has(i.name)))
      for (const f of fields.get(i.name) ?? []) {
        if (!fields.has(name)) fields.set(name, new Set())
        fields.get(name).add(f)
      }
  }
  const sdl = []
  for (const name of [...types].sort()) {
    const t = schema.getType(name)
    if (isScalarType(t)) {
      if (!BUILT_IN.has(name)) sdl.push(`scalar ${name}`)
    } else if (isEnumType(t)) {
      sdl.push(
        `enum ${name} {\n${t
          .getValues()
          .map(v => `  ${v.name}`)
          .join('\n')}\n}`
      )
    } else if (isInputObjectType(t)) {
      const body = Object.values(t.getFields()).map(f => `  ${f.name}: ${f.type}`)
      sdl.push(`input ${name} {\n${body.join('\n')}\n}`)
    } else {
      const kind = isInterfaceType(t) ? 'interface' : 'type'
      const impl = t.getInterfaces().filter(i => types.has(i.name))
      const body = [...(fields.get(name) ?? [])].sort().map(f => {
        const def = t.getFields()[f]
        const args = def.args.length
          ? `(${def.args.map(a => `${a.name}: ${a.type}${a.defaultValue !== undefined ? ` = ${JSON.stringify(a.defaultValue)}` : ''}`).join(', ')})`
          : ''
        return `  ${f}${args}: ${def.type}`
      })
      sdl.push(
        `${kind} ${name}${impl.length ? ` implements ${impl.map(i => i.name).join(' & ')}` : ''} {\n${body.join('\n')}\n}`
      )
    }
  }
  // Round-trip through the parser: the subset must itself be a valid schema.
  return print(parse(sdl.join('\n\n'))) + '\n'
}

function main() {
  const { schema, version } = fullSchema()
  const queries = queriesIn(join(ROOT, 'src'))
  const header =
    `# GitHub's GraphQL schema, cut to what agent-credit-gate's ${queries.length} quer${queries.length === 1 ? 'y uses' : 'ies use'}: from\n` +
    `# @octokit/graphql-schema@${version} by scripts/make-graphql-subset.mjs (npm run graphql:subset).\n\n`
  const subset = cutGraphqlSubset(schema, queries)
  buildSchema(subset)
  writeFileSync(OUT, header + subset)
  console.log(
    `${OUT}: ${queries.length} queries, @octokit/graphql-schema@${version}, ${statSync(OUT).size} bytes`
  )
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main()
