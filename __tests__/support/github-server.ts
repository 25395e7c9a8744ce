/**
 * A local HTTP server that behaves like GitHub for the endpoints the action uses: the git database
 * (refs with a real fast-forward check, create-only ref creation, ref deletion, commits, trees with
 * inline content, blobs), the GraphQL query the ledger reads with, creating a file through the contents
 * API (the only write an empty repository takes: the git database answers 409 there), issue comments
 * (paginated), check runs, commit statuses and GraphQL `viewer`. Real error bodies, rate-limit headers, GitHub's
 * secondary limit on content-creating requests, `%2F`-encoded refs, 403 for read-only tokens, and
 * injectable faults.
 *
 * Every REST request it receives and every response it sends is checked against GitHub's OpenAPI
 * description (github-openapi.ts); every GraphQL request is validated against, and executed on, GitHub's
 * GraphQL schema cut to what we query (github-graphql-subset.graphql). A request the real API would
 * reject is answered as GitHub answers it (422 "Invalid request", 404 for an unknown route, GraphQL
 * errors) and recorded in `violations`; so is a response the real API would never send.
 * __tests__/support/github-contract.ts fails the test that caused one.
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { buildSchema, execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql'
import { GitHubContract } from './github-openapi.js'

/** GitHub's GraphQL schema, cut to the fields src/ queries (npm run graphql:subset). */
export const GRAPHQL_SUBSET_PATH = '__tests__/support/github-graphql-subset.graphql'
/**
 * GitHub truncates long blob texts in GraphQL (`isTruncated`) and does not say where; the double cuts
 * at 512 KiB so the store's fallback to the blob API is exercised.
 */
const GRAPHQL_TEXT_LIMIT = 512 * 1024

export interface Fault {
  /** What to call it in reports. */
  name?: string
  /** Respond with this status instead of handling (e.g. 500, 502, 429, 403). */
  status?: number
  /** Extra delay before answering, ms. */
  delayMs?: number
  /** Destroy the socket without handling the request. */
  reset?: boolean
  /** Handle the request, then destroy the socket instead of answering: the write landed, the client never hears. */
  lostResponse?: boolean
  /** Another writer moves the ref this request creates or updates just before it is handled. */
  conflict?: boolean
  /** Only requests that create, update or delete a ref this matches (the full name, `refs/…`). */
  onRef?: RegExp
  retryAfter?: number
  /** A primary rate limit: x-ratelimit-remaining 0, resetting this many seconds from now. */
  rateLimitResetS?: number
  message?: string
  /** How many times to apply (default: forever). */
  times?: number
  /** Apply to every n-th matching request only, starting with the first (2 = every other request). */
  every?: number
  /** Apply to a matching request with this probability, drawn from the double's `random`. */
  chance?: number
}

export interface RecordedRequest {
  method: string
  path: string
  body: unknown
  /** 0 when the connection was reset instead of answered. */
  status: number
  /** When it arrived, ms since the epoch. */
  at: number
  /** The fault applied to this request, if any. */
  fault?: Fault
  /** Counted against the secondary limit on content-creating requests (REST writes, GraphQL mutations). */
  creates?: true
  /** Answered with a secondary-limit 403 by `contentLimit`. */
  limited?: true
}

/** GitHub's documented ceiling on content-creating requests ("no more than 80 a minute and 500 an hour"). */
export interface ContentLimit {
  perMinute: number
  perHour: number
}

interface Commit {
  sha: string
  tree: string
  parents: string[]
  message: string
}

interface CheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  details_url: string | null
  output: { title?: string; summary?: string; text?: string } | undefined
  started_at: string
  completed_at: string | null
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')
const EMPTY_TREE = sha1('tree ')
const INITIAL = sha1('commit initial')
const DOCS = 'https://docs.github.com/rest'

/** GitHub's secondary rate limit message; @octokit/plugin-throttling recognises it by "secondary rate". */
export const SECONDARY_RATE_LIMIT =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'

let contract: GitHubContract | undefined
let graphqlSchema: GraphQLSchema | undefined
/** Queries already parsed and found valid: the same query is checked once, not on every request. */
const validQueries = new Map<string, DocumentNode>()

/** A GraphQL field GitHub answers with `type: NOT_FOUND` (a repository the token cannot see). */
class NotFound extends Error {}

export class GitHubDouble {
  /** Doubles started and not yet stopped: the shared afterEach checks each for violations. */
  static readonly running = new Set<GitHubDouble>()
  private server?: Server
  readonly requests: RecordedRequest[] = []
  /** Requests and responses the real API would reject or never send, one line each. */
  readonly violations: string[] = []
  /** Like any repository a workflow runs in: a default branch with one commit. */
  readonly refs = new Map<string, string>([['refs/heads/main', INITIAL]])
  private readonly commits = new Map<string, Commit>([
    // Not reachable from any ref until a fault's "other writer" uses it.
    ['0'.repeat(40), { sha: '0'.repeat(40), tree: EMPTY_TREE, parents: [], message: 'root' }],
    [INITIAL, { sha: INITIAL, tree: EMPTY_TREE, parents: [], message: 'Initial commit' }]
  ])
  /** tree sha → path → blob sha */
  private readonly trees = new Map<string, Map<string, string>>([[EMPTY_TREE, new Map()]])
  private readonly blobs = new Map<string, string>()
  readonly defaultBranch = 'main'
  private faults: Array<{ route: RegExp; fault: Fault; hits: number }> = []
  readonly comments: Array<{
    id: number
    issue: number
    body: string
    user: { login: string; type: string }
    createdAt: string
    updatedAt: string
  }> = []
  readonly checkRuns: CheckRun[] = []
  readonly statuses: Array<{
    id: number
    sha: string
    state: string
    context: string
    description: string
    target_url: string | null
  }> = []
  private nextId = 1000
  /** Tokens that may only read (fork PRs, `permissions: read-all`). */
  readonly readOnlyTokens = new Set<string>()
  /**
   * Login of the token's identity: undefined is the workflow's GITHUB_TOKEN (github-actions[bot]); a
   * login ending in [bot] is a GitHub App installation token; any other login is a person's token.
   */
  tokenLogin: string | undefined = undefined
  /**
   * GraphQL answers a ref outside refs/heads/ and refs/tags/ as missing, while REST sees it: how a
   * GraphQL API that does not resolve a custom ref namespace would look to the ledger.
   */
  graphqlHidesCustomRefs = false
  /** Where `chance` faults draw from: seed it (support/faults.ts seededRandom) for a repeatable mix. */
  random: () => number = Math.random
  owner = 'acme'
  repo = 'api'
  /**
   * GitHub's secondary limit on content-creating requests, per token, over sliding windows: a request
   * past it is answered 403 "You have exceeded a secondary rate limit" with `retry-after` (the seconds
   * until the window has room) and creates nothing. Every content-creating request GitHub handles counts,
   * whatever its answer (a 422 too); one an injected fault answers before handling does not. null: off.
   */
  contentLimit: ContentLimit | null = { perMinute: 80, perHour: 500 }
  /** token → arrival times (ms) of its content-creating requests in the last hour */
  private readonly creations = new Map<string, number[]>()

  get url(): string {
    const a = this.server?.address() as AddressInfo
    return `http://127.0.0.1:${a.port}`
  }

  async start(): Promise<this> {
    contract ??= new GitHubContract()
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>(r => this.server?.listen(0, '127.0.0.1', r))
    GitHubDouble.running.add(this)
    return this
  }

  async stop(): Promise<void> {
    GitHubDouble.running.delete(this)
    this.server?.closeAllConnections()
    await new Promise<void>(r => this.server?.close(() => r()))
  }

  /** Inject a fault on requests whose `METHOD path` (path as sent, `%2F` and all) matches. */
  fault(route: RegExp, fault: Fault): void {
    this.faults.push({ route, fault: { ...fault }, hits: 0 })
  }

  clearFaults(): void {
    this.faults = []
  }

  /** A repository created without a README: no commit and no ref, so the git database answers 409. */
  makeEmpty(): this {
    this.refs.clear()
    return this
  }

  /** No ref at all: git calls that an empty repository. */
  get isEmpty(): boolean {
    return this.refs.size === 0
  }

  /** The violations recorded so far, cleared: for tests that provoke them on purpose. */
  takeViolations(): string[] {
    return this.violations.splice(0)
  }

  /** A comment by someone else (or by us), to test the sticky-comment rules. */
  addComment(issue: number, body: string, login: string): void {
    const now = new Date().toISOString()
    this.comments.push({
      id: this.nextId++,
      issue,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      createdAt: now,
      updatedAt: now
    })
  }

  /** The text of a file at the tip of a ref, for assertions. */
  fileAt(ref: string, path: string): string | undefined {
    const tip = this.refs.get(ref)
    const commit = tip ? this.commits.get(tip) : undefined
    const blob = commit ? this.trees.get(commit.tree)?.get(path) : undefined
    return blob ? this.blobs.get(blob) : undefined
  }

  /** Put raw text at a path on a ref (hand edits, corrupted documents). */
  writeFile(ref: string, path: string, text: string): void {
    const blob = sha1(`blob ${text}`)
    this.blobs.set(blob, text)
    const parent = this.refs.get(ref)
    const base = parent ? new Map(this.trees.get(this.commits.get(parent)!.tree)) : new Map<string, string>()
    base.set(path, blob)
    this.refs.set(ref, this.commit(this.tree(base), parent ? [parent] : [], 'hand edit').sha)
  }

  private tree(entries: Map<string, string>): string {
    const sha = sha1(`tree ${[...entries].join(',')}`)
    this.trees.set(sha, entries)
    return sha
  }

  private commit(tree: string, parents: string[], message: string): Commit {
    const sha = sha1(`commit ${tree} ${parents.join(',')} ${message} ${this.nextId++}`)
    const c = { sha, tree, parents, message }
    this.commits.set(sha, c)
    return c
  }

  /** Another writer gets in first: a commit on top of the ref's tip (or the ref itself, if missing). */
  private interpose(ref: string): void {
    const tip = this.refs.get(ref)
    const tree = tip ? this.commits.get(tip)!.tree : EMPTY_TREE
    this.refs.set(ref, this.commit(tree, tip ? [tip] : [], 'another writer').sha)
  }

  private check(problems: string[]): void {
    this.violations.push(...problems)
  }

  private send(
    res: ServerResponse,
    req: RecordedRequest,
    url: URL,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void {
    req.status = status
    this.check(contract!.checkResponse(req.method, url, status, body))
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `D0B1:${this.requests.length.toString(16).toUpperCase()}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...headers
    })
    res.end(body === undefined ? '' : JSON.stringify(body))
  }

  private error(
    res: ServerResponse,
    req: RecordedRequest,
    url: URL,
    status: number,
    message: string,
    headers?: Record<string, string>
  ): void {
    this.send(res, req, url, status, { message, documentation_url: DOCS, status: String(status) }, headers)
  }

  /** Requests being handled (a delayed one may still land after its client gave up). */
  private inFlight = 0

  /** Resolves once no request is being handled: what a test observes is then everything that landed. */
  async idle(): Promise<void> {
    while (this.inFlight > 0) await new Promise(r => setTimeout(r, 10))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++
    try {
      await this.handleRequest(req, res)
    } finally {
      this.inFlight--
    }
  }

  private async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname
    const method = req.method ?? 'GET'
    const rec: RecordedRequest = { method, path, body: undefined, status: 0, at: Date.now() }
    this.requests.push(rec)
    try {
      rec.body = text ? JSON.parse(text) : undefined
    } catch {
      this.check([`${method} ${path}: the request body is not JSON`])
      return this.error(res, rec, url, 400, 'Problems parsing JSON')
    }
    const graphql = method === 'POST' && path === '/graphql'
    if (!graphql && !contract!.match(method, path)) {
      this.check([`${method} ${path}: GitHub has no such endpoint in ${contract!.info.source}`])
      return this.error(res, rec, url, 404, 'Not Found')
    }
    const problems = graphql ? [] : contract!.checkRequest(method, url, rec.body)
    if (problems.length) {
      this.check(problems)
      return this.error(res, rec, url, 422, `Invalid request.\n\n${problems.join('\n')}`)
    }
    let lost = false
    for (const f of this.faults) {
      if (!f.route.test(`${method} ${path}`) || f.fault.times === 0) continue
      if (f.fault.onRef && !f.fault.onRef.test(refWritten(method, path, rec.body) ?? '')) continue
      if (f.fault.every && f.hits++ % f.fault.every !== 0) continue
      if (f.fault.chance !== undefined && this.random() >= f.fault.chance) continue
      if (f.fault.times !== undefined) f.fault.times--
      rec.fault = f.fault
      if (f.fault.delayMs) await new Promise(r => setTimeout(r, f.fault.delayMs))
      if (f.fault.reset) {
        req.socket.destroy()
        return
      }
      if (f.fault.conflict) {
        const ref = refWritten(method, path, rec.body)
        if (ref) this.interpose(ref)
      }
      if (f.fault.lostResponse) lost = true
      if (f.fault.status) {
        const headers: Record<string, string> = {}
        if (f.fault.retryAfter !== undefined) headers['retry-after'] = String(f.fault.retryAfter)
        if (f.fault.rateLimitResetS !== undefined) {
          headers['x-ratelimit-remaining'] = '0'
          headers['x-ratelimit-used'] = '5000'
          headers['x-ratelimit-reset'] = String(Math.ceil(Date.now() / 1000) + f.fault.rateLimitResetS)
        }
        return this.error(res, rec, url, f.fault.status, f.fault.message ?? 'Server Error', headers)
      }
      break
    }
    if (lost) {
      // The request is handled as usual, but its answer never reaches the client.
      res.writeHead = (() => res) as typeof res.writeHead
      res.end = (() => {
        req.socket.destroy()
        return res
      }) as typeof res.end
    }
    const token = (req.headers.authorization ?? '').replace(/^(token|bearer) /i, '')
    if (!token) return this.error(res, rec, url, 401, 'Requires authentication')
    if (method !== 'GET' && method !== 'HEAD' && this.createsContent(path, rec.body)) {
      const wait = this.overContentLimit(token)
      if (wait !== undefined) {
        rec.limited = true
        return this.error(res, rec, url, 403, SECONDARY_RATE_LIMIT, { 'retry-after': String(wait) })
      }
      rec.creates = true
    }
    // A read-only token reads (GET, GraphQL queries) and may not create.
    if (method !== 'GET' && this.createsContent(path, rec.body) && this.readOnlyTokens.has(token))
      return this.error(res, rec, url, 403, 'Resource not accessible by integration')
    try {
      if (graphql) return await this.graphql(rec, url, res)
      this.route(method, decodeURIComponent(path), url, rec, res)
    } catch (error) {
      this.check([`${method} ${path}: the double crashed: ${(error as Error).message}`])
      this.error(res, rec, url, 500, (error as Error).message)
    }
  }

  /** REST writes create content; a GraphQL request only when it is a mutation. */
  private createsContent(path: string, body: unknown): boolean {
    if (path !== '/graphql') return true
    const query = String((body as { query?: unknown } | undefined)?.query ?? '')
    return /^\s*mutation\b/.test(query)
  }

  /** Seconds to wait when `token` is past the content limit (nothing is counted then); else counts one. */
  private overContentLimit(token: string): number | undefined {
    if (!this.contentLimit) return undefined
    const now = Date.now()
    const times = (this.creations.get(token) ?? []).filter(t => t > now - 3_600_000)
    this.creations.set(token, times)
    const lastMinute = times.filter(t => t > now - 60_000)
    const wait = (oldest: number, window: number) => Math.max(1, Math.ceil((oldest + window - now) / 1000))
    if (lastMinute.length >= this.contentLimit.perMinute)
      return wait(lastMinute[lastMinute.length - this.contentLimit.perMinute], 60_000)
    if (times.length >= this.contentLimit.perHour)
      return wait(times[times.length - this.contentLimit.perHour], 3_600_000)
    times.push(now)
    return undefined
  }

  /**
   * Create or update a file on a branch (the contents API): a commit on the branch's head, or the
   * repository's first commit when it is empty. An existing file needs its blob `sha` (422 without it,
   * 409 when it no longer matches), as on GitHub.
   */
  private putContents(
    path: string,
    body: Record<string, unknown>,
    send: (status: number, json: unknown) => void,
    error: (status: number, message: string) => void
  ): void {
    const branch = `refs/heads/${String(body.branch ?? this.defaultBranch)}`
    const head = this.refs.get(branch)
    if (!head && !this.isEmpty) return error(404, `Branch ${String(body.branch)} not found`)
    const tree = new Map(head ? this.trees.get(this.commits.get(head)!.tree) : [])
    const existing = tree.get(path)
    if (existing && body.sha === undefined) return error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
    if (existing && body.sha !== existing) return error(409, `${path} does not match ${String(body.sha)}`)
    const text = Buffer.from(String(body.content), 'base64').toString('utf8')
    const blob = sha1(`blob ${text}`)
    this.blobs.set(blob, text)
    tree.set(path, blob)
    const commit = this.commit(this.tree(tree), head ? [head] : [], String(body.message))
    this.refs.set(branch, commit.sha)
    const { verification: _v, ...json } = this.commitJson(commit)
    send(existing ? 200 : 201, {
      content: {
        name: path.split('/').pop(),
        path,
        sha: blob,
        size: Buffer.byteLength(text),
        url: `${this.api}/contents/${path}`,
        html_url: `${this.url}/${this.owner}/${this.repo}/blob/${this.defaultBranch}/${path}`,
        git_url: `${this.api}/git/blobs/${blob}`,
        download_url: `${this.url}/raw/${this.defaultBranch}/${path}`,
        type: 'file',
        _links: {
          self: `${this.api}/contents/${path}`,
          git: `${this.api}/git/blobs/${blob}`,
          html: `${this.url}/${path}`
        }
      },
      commit: json
    })
  }

  /**
   * POST /graphql: validated against GitHub's schema (cut to what we query) and executed on the
   * double's git data. GitHub answers GraphQL errors with 200 and an `errors` list; a query GitHub would
   * reject is also a violation. A repository the token cannot see is `null` with a NOT_FOUND error.
   */
  private async graphql(rec: RecordedRequest, url: URL, res: ServerResponse): Promise<void> {
    graphqlSchema ??= buildSchema(readFileSync(resolve(GRAPHQL_SUBSET_PATH), 'utf8'))
    const { query, variables } = (rec.body ?? {}) as { query?: unknown; variables?: Record<string, unknown> }
    const text = String(query ?? '')
    let document = validQueries.get(text)
    if (!document) {
      try {
        document = parse(text)
      } catch (e) {
        this.check([`POST /graphql: ${(e as Error).message}`])
        return this.send(res, rec, url, 200, { errors: [{ message: (e as Error).message }] })
      }
      const invalid = validate(graphqlSchema, document)
      if (invalid.length) {
        this.check(invalid.map(e => `POST /graphql: ${e.message}`))
        return this.send(res, rec, url, 200, { errors: invalid.map(e => ({ message: e.message })) })
      }
      validQueries.set(text, document)
    }
    const result = await execute({
      schema: graphqlSchema,
      document,
      rootValue: this.graphqlRoot(),
      variableValues: variables
    })
    const errors = (result.errors ?? []).map(e => {
      if (!(e.originalError instanceof NotFound))
        this.check([`POST /graphql: the double failed: ${e.message}`])
      return { type: 'NOT_FOUND', path: e.path, locations: e.locations, message: e.message }
    })
    this.send(res, rec, url, 200, errors.length ? { data: result.data, errors } : { data: result.data })
  }

  /** The login every kind of token acts as. */
  private get identity(): string {
    return this.tokenLogin ?? 'github-actions[bot]'
  }

  /** The root of the double's GraphQL data: the token's identity; the repository, its refs, commits, trees and blobs. */
  private graphqlRoot() {
    const commit = (sha: string) => {
      const c = this.commits.get(sha)!
      return {
        __typename: 'Commit',
        oid: sha,
        tree: { __typename: 'Tree', oid: c.tree },
        file: ({ path }: { path: string }) => {
          const files = this.trees.get(c.tree)
          const blob = files?.get(path)
          if (blob === undefined) {
            // The double's trees are flat (path → blob): a folder is the paths under it.
            const names = [...(files?.keys() ?? [])]
              .filter(p => p.startsWith(`${path}/`))
              .map(p => p.slice(path.length + 1).split('/')[0])
            if (names.length === 0) return null
            return { object: { __typename: 'Tree', entries: [...new Set(names)].map(name => ({ name })) } }
          }
          const text = this.blobs.get(blob) ?? ''
          const isTruncated = Buffer.byteLength(text) > GRAPHQL_TEXT_LIMIT
          return {
            object: {
              __typename: 'Blob',
              oid: blob,
              text: isTruncated ? text.slice(0, GRAPHQL_TEXT_LIMIT) : text,
              isTruncated
            }
          }
        }
      }
    }
    const ref = (name: string) => {
      const sha = this.refs.get(name)
      if (this.graphqlHidesCustomRefs && !/^refs\/(heads|tags)\//.test(name)) return null
      return sha ? { target: commit(sha) } : null
    }
    return {
      viewer: { login: this.identity },
      repository: ({ owner, name }: { owner: string; name: string }) => {
        if (
          owner.toLowerCase() !== this.owner.toLowerCase() ||
          name.toLowerCase() !== this.repo.toLowerCase()
        )
          throw new NotFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`)
        return {
          isEmpty: this.isEmpty,
          defaultBranchRef: () => ref(`refs/heads/${this.defaultBranch}`),
          ref: ({ qualifiedName }: { qualifiedName: string }) => ref(qualifiedName)
        }
      }
    }
  }

  private gitRef(name: string) {
    const sha = this.refs.get(name) as string
    return {
      ref: name,
      node_id: `REF_${sha1(name).slice(0, 16)}`,
      url: `${this.api}/git/${encodeURIComponent(name).replace(/%2F/g, '/')}`,
      object: { sha, type: 'commit', url: `${this.api}/git/commits/${sha}` }
    }
  }

  private isAncestor(ancestor: string, of: string): boolean {
    const stack = [of]
    const seen = new Set<string>()
    while (stack.length) {
      const s = stack.pop() as string
      if (s === ancestor) return true
      if (seen.has(s)) continue
      seen.add(s)
      stack.push(...(this.commits.get(s)?.parents ?? []))
    }
    return false
  }

  private get api(): string {
    return `${this.url}/repos/${this.owner}/${this.repo}`
  }

  private route(method: string, path: string, url: URL, rec: RecordedRequest, res: ServerResponse): void {
    const body = (rec.body ?? {}) as Record<string, unknown>
    const base = `/repos/${this.owner}/${this.repo}`
    const send = (status: number, json: unknown, headers?: Record<string, string>) =>
      this.send(res, rec, url, status, json, headers)
    const error = (status: number, message: string) => this.error(res, rec, url, status, message)
    let m: RegExpExecArray | null
    if (!path.startsWith(base + '/')) return error(404, 'Not Found')
    const p = path.slice(base.length)
    if (this.isEmpty && p.startsWith('/git/')) return error(409, 'Git Repository is empty.')
    if (method === 'POST' && p === '/git/refs') {
      const ref = String(body.ref ?? '')
      if (!/^refs\/[^/]+\/.+/.test(ref))
        return error(422, 'Reference name must start with refs/ and have at least two slashes')
      if (this.refs.has(ref)) return error(422, 'Reference already exists')
      if (!this.commits.has(String(body.sha))) return error(422, 'Object does not exist')
      this.refs.set(ref, String(body.sha))
      return send(201, this.gitRef(ref))
    }
    if (method === 'PATCH' && (m = /^\/git\/refs\/(.+)$/.exec(p))) {
      const name = `refs/${m[1]}`
      const current = this.refs.get(name)
      if (!current) return error(422, 'Reference does not exist')
      const sha = String(body.sha)
      if (!this.commits.has(sha)) return error(422, 'Object does not exist')
      if (body.force !== true && !this.isAncestor(current, sha))
        return error(422, 'Update is not a fast forward')
      this.refs.set(name, sha)
      return send(200, this.gitRef(name))
    }
    if (method === 'DELETE' && (m = /^\/git\/refs\/(.+)$/.exec(p))) {
      // GitHub's description gives this 422 no body.
      if (!this.refs.delete(`refs/${m[1]}`)) return send(422, undefined)
      return send(204, undefined)
    }
    if (method === 'POST' && p === '/git/commits') {
      const tree = String(body.tree)
      if (!this.trees.has(tree)) return error(422, 'Tree SHA does not exist')
      const parents = (body.parents as string[]) ?? []
      if (parents.some(x => !this.commits.has(x))) return error(422, 'Parent SHA does not exist')
      return send(201, this.commitJson(this.commit(tree, parents, String(body.message))))
    }
    if (method === 'POST' && p === '/git/trees') {
      const baseTree = body.base_tree ? this.trees.get(String(body.base_tree)) : new Map<string, string>()
      if (!baseTree) return error(422, 'base_tree does not exist')
      const next = new Map(baseTree)
      for (const e of (body.tree as Array<{ path: string; content?: string; sha?: string }>) ?? []) {
        const blob = e.content !== undefined ? sha1(`blob ${e.content}`) : String(e.sha)
        if (e.content !== undefined) this.blobs.set(blob, e.content)
        next.set(e.path, blob)
      }
      const sha = this.tree(next)
      return send(201, this.treeJson(sha, next))
    }
    if (method === 'GET' && (m = /^\/git\/ref\/(.+)$/.exec(p))) {
      const name = `refs/${m[1]}`
      if (!this.refs.has(name)) return error(404, 'Not Found')
      return send(200, this.gitRef(name))
    }
    if (method === 'GET' && (m = /^\/git\/commits\/([0-9a-f]{40})$/.exec(p))) {
      const c = this.commits.get(m[1])
      if (!c) return error(404, 'Not Found')
      return send(200, this.commitJson(c))
    }
    if (method === 'GET' && (m = /^\/git\/trees\/([0-9a-f]{40})$/.exec(p))) {
      const t = this.trees.get(m[1])
      if (!t) return error(404, 'Not Found')
      return send(200, this.treeJson(m[1], t))
    }
    if (method === 'GET' && (m = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(p))) {
      const t = this.blobs.get(m[1])
      if (t === undefined) return error(404, 'Not Found')
      return send(200, {
        sha: m[1],
        node_id: `B_${m[1].slice(0, 16)}`,
        size: Buffer.byteLength(t),
        url: `${this.api}/git/blobs/${m[1]}`,
        content: Buffer.from(t).toString('base64'),
        encoding: 'base64'
      })
    }
    if (method === 'PUT' && (m = /^\/contents\/(.+)$/.exec(p)))
      return this.putContents(m[1], body, send, error)
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(p))) {
      const issue = Number(m[1])
      if (method === 'GET') {
        const all = this.comments.filter(c => c.issue === issue)
        const per = Number(url.searchParams.get('per_page') ?? 30)
        const page = Number(url.searchParams.get('page') ?? 1)
        const slice = all.slice((page - 1) * per, page * per)
        const last = Math.max(1, Math.ceil(all.length / per))
        const at = (n: number) => `${this.api}/issues/${issue}/comments?per_page=${per}&page=${n}`
        const link =
          page < last ? { link: `<${at(page + 1)}>; rel="next", <${at(last)}>; rel="last"` } : undefined
        return send(
          200,
          slice.map(c => this.commentJson(c)),
          link
        )
      }
      if (method === 'POST') {
        const text = String(body.body ?? '')
        if (text.length > 65536) return error(422, 'Body is too long (maximum is 65536 characters)')
        const now = new Date().toISOString()
        const c = {
          id: this.nextId++,
          issue,
          body: text,
          user: { login: this.identity, type: this.identity.endsWith('[bot]') ? 'Bot' : 'User' },
          createdAt: now,
          updatedAt: now
        }
        this.comments.push(c)
        return send(201, this.commentJson(c))
      }
    }
    if (method === 'PATCH' && (m = /^\/issues\/comments\/(\d+)$/.exec(p))) {
      const c = this.comments.find(x => x.id === Number(m?.[1]))
      if (!c) return error(404, 'Not Found')
      const text = String(body.body ?? '')
      if (text.length > 65536) return error(422, 'Body is too long (maximum is 65536 characters)')
      c.body = text
      c.updatedAt = new Date().toISOString()
      return send(200, this.commentJson(c))
    }
    if (method === 'POST' && p === '/check-runs') {
      const now = new Date().toISOString()
      const status = String(body.status ?? (body.conclusion ? 'completed' : 'queued'))
      const run: CheckRun = {
        id: this.nextId++,
        name: String(body.name),
        head_sha: String(body.head_sha),
        status,
        conclusion: (body.conclusion as string) ?? null,
        details_url: (body.details_url as string) ?? null,
        output: body.output as CheckRun['output'],
        started_at: (body.started_at as string) ?? now,
        completed_at: status === 'completed' ? ((body.completed_at as string) ?? now) : null
      }
      this.checkRuns.push(run)
      return send(201, this.checkRunJson(run))
    }
    if (method === 'PATCH' && (m = /^\/check-runs\/(\d+)$/.exec(p))) {
      const run = this.checkRuns.find(x => x.id === Number(m?.[1]))
      if (!run) return error(404, 'Not Found')
      Object.assign(run, {
        status: body.status ?? run.status,
        conclusion: body.conclusion ?? run.conclusion,
        // Like GitHub: PATCH replaces the whole output.
        output: body.output ?? run.output,
        completed_at:
          body.status === 'completed' || body.conclusion ? new Date().toISOString() : run.completed_at
      })
      return send(200, this.checkRunJson(run))
    }
    if (method === 'POST' && (m = /^\/statuses\/([0-9a-f]+)$/.exec(p))) {
      const description = String(body.description ?? '')
      if (description.length > 140) return error(422, 'description is too long (maximum is 140 characters)')
      const s = {
        id: this.nextId++,
        sha: m[1],
        state: String(body.state),
        context: String(body.context ?? 'default'),
        description,
        target_url: (body.target_url as string) ?? null
      }
      this.statuses.push(s)
      const now = new Date().toISOString()
      const user = this.user('github-actions[bot]', 41898282, 'Bot')
      return send(201, {
        url: `${this.api}/statuses/${s.sha}`,
        avatar_url: user.avatar_url,
        id: s.id,
        node_id: `SC_${s.id}`,
        state: s.state,
        description: s.description,
        target_url: s.target_url,
        context: s.context,
        created_at: now,
        updated_at: now,
        creator: user
      })
    }
    return error(404, 'Not Found')
  }

  /** A user as GitHub embeds one (simple-user): every URL field present. */
  private user(login: string, id: number, type: 'User' | 'Bot') {
    const at = `${this.url}/users/${encodeURIComponent(login)}`
    return {
      login,
      id,
      node_id: `U_${id}`,
      avatar_url: `${this.url}/avatars/u/${id}`,
      gravatar_id: '',
      url: at,
      html_url: `${this.url}/${encodeURIComponent(login)}`,
      followers_url: `${at}/followers`,
      following_url: `${at}/following{/other_user}`,
      gists_url: `${at}/gists{/gist_id}`,
      starred_url: `${at}/starred{/owner}{/repo}`,
      subscriptions_url: `${at}/subscriptions`,
      organizations_url: `${at}/orgs`,
      repos_url: `${at}/repos`,
      events_url: `${at}/events{/privacy}`,
      received_events_url: `${at}/received_events`,
      type,
      site_admin: false
    }
  }

  /** A tree as GitHub answers it: every file, by its full path (the double keeps trees flat). */
  private treeJson(sha: string, files: Map<string, string>) {
    return {
      sha,
      url: `${this.api}/git/trees/${sha}`,
      truncated: false,
      tree: [...files].map(([path, blob]) => ({
        path,
        mode: '100644',
        type: 'blob',
        sha: blob,
        size: Buffer.byteLength(this.blobs.get(blob) ?? ''),
        url: `${this.api}/git/blobs/${blob}`
      }))
    }
  }

  private commitJson(c: Commit) {
    const date = new Date().toISOString()
    return {
      sha: c.sha,
      node_id: `C_${c.sha.slice(0, 16)}`,
      url: `${this.api}/git/commits/${c.sha}`,
      html_url: `${this.url}/${this.owner}/${this.repo}/commit/${c.sha}`,
      author: { name: 'agent-credit-gate', email: 'gate@example.com', date },
      committer: { name: 'agent-credit-gate', email: 'gate@example.com', date },
      message: c.message,
      tree: { sha: c.tree, url: `${this.api}/git/trees/${c.tree}` },
      parents: c.parents.map(sha => ({
        sha,
        url: `${this.api}/git/commits/${sha}`,
        html_url: `${this.url}/${this.owner}/${this.repo}/commit/${sha}`
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
    }
  }

  private commentJson(c: GitHubDouble['comments'][number]) {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.api}/issues/comments/${c.id}`,
      html_url: `${this.url}/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      body: c.body,
      user: this.user(c.user.login, c.user.type === 'Bot' ? 41898282 : 2, c.user.type as 'User' | 'Bot'),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      issue_url: `${this.api}/issues/${c.issue}`,
      author_association: 'NONE'
    }
  }

  private checkRunJson(run: CheckRun) {
    const actions = this.user('github', 9919, 'User')
    return {
      id: run.id,
      head_sha: run.head_sha,
      node_id: `CR_${run.id}`,
      external_id: '',
      url: `${this.api}/check-runs/${run.id}`,
      html_url: `${this.url}/${this.owner}/${this.repo}/runs/${run.id}`,
      details_url: run.details_url,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.started_at,
      completed_at: run.completed_at,
      output: {
        title: run.output?.title ?? null,
        summary: run.output?.summary ?? null,
        text: run.output?.text ?? null,
        annotations_count: 0,
        annotations_url: `${this.api}/check-runs/${run.id}/annotations`
      },
      name: run.name,
      check_suite: { id: 5000 + run.id },
      app: {
        id: 15368,
        slug: 'github-actions',
        node_id: 'MDM6QXBwMTUzNjg=',
        owner: actions,
        name: 'GitHub Actions',
        description: 'Automate your workflow from idea to production',
        external_url: 'https://help.github.com/en/actions',
        html_url: `${this.url}/apps/github-actions`,
        created_at: '2018-07-30T09:30:17Z',
        updated_at: '2024-04-10T20:33:16Z',
        permissions: { checks: 'write', contents: 'write', metadata: 'read', pull_requests: 'write' },
        events: ['check_run', 'check_suite', 'pull_request', 'push']
      },
      pull_requests: []
    }
  }
}

/** `refs/…` a request creates (POST …/git/refs, by its body), updates or deletes (…/git/refs/<ref>). */
function refWritten(method: string, path: string, body: unknown): string | undefined {
  if (method === 'POST' && path.endsWith('/git/refs')) return String((body as { ref?: unknown })?.ref)
  const m = /\/git\/refs\/(.+)$/.exec(path)
  return m && method !== 'GET' ? `refs/${decodeURIComponent(m[1])}` : undefined
}
