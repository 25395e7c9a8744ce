/**
 * GitHub's own description of the operations we call (a subset of @octokit/openapi, cut by
 * scripts/make-openapi-subset.mjs), as checks the GitHub double runs on every request it receives and
 * every response it sends: a request the real API would reject, or a response the real API would never
 * send, is a problem the test that caused it fails on.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import formats from 'ajv-formats'

// ajv-formats is CommonJS: imported from ESM, its plugin is the `default` of module.exports.
const addFormats = formats.default

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema: object
  'x-multi-segment'?: boolean
}
type Ref = { $ref: string }
interface OperationSpec {
  operationId: string
  parameters?: Array<Parameter | Ref>
  requestBody?: { required?: boolean; content: Record<string, { schema: object }> }
  responses: Record<string, Ref | { content?: Record<string, { schema: object }> }>
}
interface Subset {
  info: { source: string; extractedAt: string; operations: string[] }
  paths: Record<string, Record<string, OperationSpec>>
  components: Record<string, Record<string, unknown>>
}

/** Where the committed subset lives (relative to the repository root, where jest and the scripts run). */
export const SUBSET_PATH = '__tests__/support/github-openapi-subset.json'

export interface Operation {
  id: string
  method: string
  template: string
  /** Matched against the raw path, so `%2F` inside a ref or content path stays one segment. */
  pattern: RegExp
  pathParams: Parameter[]
  queryParams: Parameter[]
  body?: { required: boolean; validate: ValidateFunction }
  responses: Map<number, ValidateFunction | null>
}

export class GitHubContract {
  readonly info: Subset['info']
  readonly operations: Operation[]
  private readonly ajv: Ajv
  private readonly subset: Subset
  private readonly errorBody: ValidateFunction

  constructor(path = SUBSET_PATH) {
    this.subset = JSON.parse(readFileSync(resolve(path), 'utf8')) as Subset
    this.info = this.subset.info
    // strict:false: the spec carries OpenAPI keywords (nullable, x-*) that are not JSON Schema.
    this.ajv = new Ajv({ strict: false, allErrors: true })
    addFormats(this.ajv)
    this.ajv.addSchema({ components: this.subset.components }, 'github')
    this.errorBody = this.compile({ $ref: '#/components/schemas/basic-error' })
    this.operations = Object.entries(this.subset.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, op]) => this.operation(template, method, op))
    )
  }

  /** The operation a request is for, or undefined when GitHub has no such endpoint. */
  match(method: string, rawPath: string): { op: Operation; params: Record<string, string> } | undefined {
    for (const op of this.operations) {
      const m = op.method === method ? op.pattern.exec(rawPath) : null
      if (m)
        return {
          op,
          params: Object.fromEntries(op.pathParams.map((p, i) => [p.name, decodeURIComponent(m[i + 1])]))
        }
    }
    return undefined
  }

  /** What is wrong with a request (empty when GitHub would accept its shape). */
  checkRequest(method: string, url: URL, body: unknown): string[] {
    const found = this.match(method, url.pathname)
    if (!found) return [`${method} ${url.pathname}: GitHub has no such operation in ${this.info.source}`]
    const { op, params } = found
    const where = `${op.id} (${method} ${url.pathname})`
    const problems: string[] = []
    for (const p of op.pathParams) problems.push(...this.checkParam(p, params[p.name], where))
    for (const name of new Set(url.searchParams.keys())) {
      const p = op.queryParams.find(q => q.name === name)
      if (!p) problems.push(`${where}: unknown query parameter ${name}`)
      else problems.push(...this.checkParam(p, url.searchParams.get(name) ?? '', where))
    }
    for (const p of op.queryParams)
      if (p.required && !url.searchParams.has(p.name)) problems.push(`${where}: missing ${p.name}`)
    if (op.body) {
      if (body === undefined) {
        if (op.body.required) problems.push(`${where}: the request body is required`)
      } else if (!op.body.validate(body))
        problems.push(...this.errors(`${where} request body`, op.body.validate))
    } else if (body !== undefined) problems.push(`${where}: takes no request body`)
    return problems
  }

  /**
   * What is wrong with a response. A status the operation declares is checked against its schema; an
   * error status it does not declare (401, 403 from a read-only token, 5xx) against GitHub's generic
   * error body; any other status is one the real API never answers.
   */
  checkResponse(method: string, url: URL, status: number, body: unknown): string[] {
    const found = this.match(method, url.pathname)
    if (!found) return []
    const { op } = found
    const where = `${op.id} answered ${status}`
    const declared = op.responses.get(status)
    const validate = declared === undefined ? (status >= 400 ? this.errorBody : undefined) : declared
    if (validate === undefined) return [`${where}: a status the operation never returns`]
    if (validate === null) return body === undefined ? [] : [`${where}: the real API sends no body`]
    return validate(body) ? [] : this.errors(`${where}: body`, validate)
  }

  private operation(template: string, method: string, op: OperationSpec): Operation {
    const params = (op.parameters ?? []).map(p => this.deref<Parameter>(p))
    const pathParams = template
      .split('/')
      .filter(s => s.startsWith('{'))
      .map(s => params.find(p => p.in === 'path' && `{${p.name}}` === s) as Parameter)
    const pattern = new RegExp(
      '^' +
        template
          .split('/')
          .map(s => {
            const p = pathParams.find(x => `{${x.name}}` === s)
            return p ? (p['x-multi-segment'] ? '(.+)' : '([^/]+)') : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          })
          .join('/') +
        '$'
    )
    const json = op.requestBody?.content['application/json']
    const responses = new Map<number, ValidateFunction | null>()
    for (const [status, raw] of Object.entries(op.responses)) {
      const response = this.deref<{ content?: Record<string, { schema: object }> }>(raw)
      const schema = response.content?.['application/json']?.schema
      responses.set(Number(status), schema ? this.compile(schema) : null)
    }
    return {
      id: op.operationId,
      method: method.toUpperCase(),
      template,
      pattern,
      pathParams,
      queryParams: params.filter(p => p.in === 'query'),
      body: json
        ? { required: op.requestBody?.required ?? false, validate: this.compile(json.schema) }
        : undefined,
      responses
    }
  }

  private checkParam(p: Parameter, value: string | undefined, where: string): string[] {
    if (value === undefined) return p.required ? [`${where}: missing ${p.name}`] : []
    const type = (p.schema as { type?: string }).type
    const typed =
      type === 'integer' || type === 'number'
        ? /^-?\d+(\.\d+)?$/.test(value)
          ? Number(value)
          : value
        : value
    const validate = this.compile(p.schema)
    return validate(typed)
      ? []
      : this.errors(`${where} parameter ${p.name}=${JSON.stringify(value)}`, validate)
  }

  private deref<T>(value: unknown): T {
    const ref = (value as Partial<Ref>).$ref
    if (!ref) return value as T
    const [, kind, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(ref) ?? []
    return this.deref<T>(this.subset.components[kind]?.[name])
  }

  private readonly compiled = new Map<string, ValidateFunction>()
  /** Compile a schema from the subset; its `#/components/…` references resolve in the subset. */
  private compile(schema: object): ValidateFunction {
    const text = JSON.stringify(schema).replace(/"#\/components\//g, '"github#/components/')
    let validate = this.compiled.get(text)
    if (!validate) {
      validate = this.ajv.compile(JSON.parse(text))
      this.compiled.set(text, validate)
    }
    return validate
  }

  private errors(where: string, validate: ValidateFunction): string[] {
    return (validate.errors ?? []).map(e => `${where}${e.instancePath || ''} ${e.message ?? 'is invalid'}`)
  }
}
