/**
 * A local HTTP server that behaves like GitHub for the endpoints the action uses: the git database
 * (refs with a real fast-forward check, commits, trees with inline content, blobs), contents at a
 * commit, issue comments (paginated), check runs, commit statuses and /user. Real error bodies,
 * rate-limit headers, `%2F`-encoded refs, 403 for read-only tokens, and injectable faults.
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http'
import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'

export interface Fault {
  /** Respond with this status instead of handling (e.g. 500, 502, 429, 403). */
  status?: number
  /** Extra delay before answering, ms. */
  delayMs?: number
  /** Destroy the socket without answering. */
  reset?: boolean
  retryAfter?: number
  message?: string
  /** How many times to apply (default: forever). */
  times?: number
}

export interface RecordedRequest {
  method: string
  path: string
  body: unknown
  status: number
}

interface Commit {
  sha: string
  tree: string
  parents: string[]
  message: string
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')

export class GitHubDouble {
  private server?: Server
  readonly requests: RecordedRequest[] = []
  readonly refs = new Map<string, string>()
  private readonly commits = new Map<string, Commit>()
  /** tree sha → path → blob sha */
  private readonly trees = new Map<string, Map<string, string>>()
  private readonly blobs = new Map<string, string>()
  private readonly faults: Array<{ route: RegExp; fault: Fault }> = []
  readonly comments: Array<{
    id: number
    issue: number
    body: string
    user: { login: string; type: string }
  }> = []
  readonly checkRuns: Array<{
    id: number
    name: string
    head_sha: string
    status: string
    conclusion: string | null
    output: unknown
  }> = []
  readonly statuses: Array<{ sha: string; state: string; context: string; description: string }> = []
  private nextId = 1000
  /** Tokens that may only read (fork PRs, `permissions: read-all`). */
  readonly readOnlyTokens = new Set<string>()
  /** Login of the token's identity; GITHUB_TOKEN-like tokens get 403 on /user. */
  tokenLogin: string | undefined = undefined
  owner = 'acme'
  repo = 'api'

  get url(): string {
    const a = this.server?.address() as AddressInfo
    return `http://127.0.0.1:${a.port}`
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>(r => this.server?.listen(0, '127.0.0.1', r))
    return this
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>(r => this.server?.close(() => r()))
  }

  /** Inject a fault on requests whose `METHOD path` matches. */
  fault(route: RegExp, fault: Fault): void {
    this.faults.push({ route, fault })
  }

  /** A comment by someone else (or by us), to test the sticky-comment rules. */
  addComment(issue: number, body: string, login: string): void {
    this.comments.push({
      id: this.nextId++,
      issue,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
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
    const tree = sha1(`tree ${[...base].join(',')}`)
    this.trees.set(tree, base)
    const commit = sha1(`commit ${tree} ${parent ?? ''} ${Math.random()}`)
    this.commits.set(commit, { sha: commit, tree, parents: parent ? [parent] : [], message: 'hand edit' })
    this.refs.set(ref, commit)
  }

  private send(
    res: ServerResponse,
    req: RecordedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void {
    req.status = status
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      'x-github-api-version-selected': '2022-11-28',
      ...headers
    })
    res.end(body === undefined ? '' : JSON.stringify(body))
  }

  private error(res: ServerResponse, req: RecordedRequest, status: number, message: string): void {
    this.send(res, req, status, {
      message,
      documentation_url: 'https://docs.github.com/rest',
      status: String(status)
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname
    const method = req.method ?? 'GET'
    const rec: RecordedRequest = { method, path, body: text ? JSON.parse(text) : undefined, status: 0 }
    this.requests.push(rec)
    for (const f of this.faults) {
      if (!f.route.test(`${method} ${path}`) || f.fault.times === 0) continue
      if (f.fault.times !== undefined) f.fault.times--
      if (f.fault.delayMs) await new Promise(r => setTimeout(r, f.fault.delayMs))
      if (f.fault.reset) {
        req.socket.destroy()
        return
      }
      if (f.fault.status) {
        const headers: Record<string, string> =
          f.fault.retryAfter !== undefined ? { 'retry-after': String(f.fault.retryAfter) } : {}
        rec.status = f.fault.status
        res.writeHead(f.fault.status, { 'content-type': 'application/json', ...headers })
        res.end(
          JSON.stringify({
            message: f.fault.message ?? 'Server Error',
            documentation_url: 'https://docs.github.com/rest'
          })
        )
        return
      }
    }
    const token = (req.headers.authorization ?? '').replace(/^(token|bearer) /i, '')
    if (!token) return this.error(res, rec, 401, 'Requires authentication')
    if (method !== 'GET' && this.readOnlyTokens.has(token))
      return this.error(res, rec, 403, 'Resource not accessible by integration')
    try {
      this.route(method, decodeURIComponent(path), url, rec, res)
    } catch (error) {
      this.error(res, rec, 500, (error as Error).message)
    }
  }

  private gitRef(name: string) {
    const sha = this.refs.get(name) as string
    return {
      ref: name,
      node_id: `REF_${sha1(name).slice(0, 10)}`,
      url: `${this.url}/repos/${this.owner}/${this.repo}/git/${name}`,
      object: { sha, type: 'commit', url: `${this.url}/repos/${this.owner}/${this.repo}/git/commits/${sha}` }
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

  private route(method: string, path: string, url: URL, rec: RecordedRequest, res: ServerResponse): void {
    const body = (rec.body ?? {}) as Record<string, unknown>
    const base = `/repos/${this.owner}/${this.repo}`
    let m: RegExpExecArray | null
    if (method === 'GET' && path === '/user') {
      if (!this.tokenLogin) return this.error(res, rec, 403, 'Resource not accessible by integration')
      return this.send(res, rec, 200, { login: this.tokenLogin, id: 1, type: 'User' })
    }
    if (!path.startsWith(base + '/')) return this.error(res, rec, 404, 'Not Found')
    const p = path.slice(base.length)
    if (method === 'GET' && (m = /^\/git\/ref\/(.+)$/.exec(p))) {
      const name = `refs/${m[1]}`
      return this.refs.has(name)
        ? this.send(res, rec, 200, this.gitRef(name))
        : this.error(res, rec, 404, 'Not Found')
    }
    if (method === 'POST' && p === '/git/refs') {
      const ref = String(body.ref ?? '')
      if (!/^refs\/[^/]+\/.+/.test(ref))
        return this.error(res, rec, 422, 'Reference name must start with refs/ and have at least two slashes')
      if (this.refs.has(ref)) return this.error(res, rec, 422, 'Reference already exists')
      if (!this.commits.has(String(body.sha))) return this.error(res, rec, 422, 'Object does not exist')
      this.refs.set(ref, String(body.sha))
      return this.send(res, rec, 201, this.gitRef(ref))
    }
    if (method === 'PATCH' && (m = /^\/git\/refs\/(.+)$/.exec(p))) {
      const name = `refs/${m[1]}`
      const current = this.refs.get(name)
      if (!current) return this.error(res, rec, 422, 'Reference does not exist')
      const sha = String(body.sha)
      if (!this.commits.has(sha)) return this.error(res, rec, 422, 'Object does not exist')
      if (body.force !== true && !this.isAncestor(current, sha))
        return this.error(res, rec, 422, 'Update is not a fast forward')
      this.refs.set(name, sha)
      return this.send(res, rec, 200, this.gitRef(name))
    }
    if (method === 'GET' && (m = /^\/git\/commits\/([0-9a-f]{40})$/.exec(p))) {
      const c = this.commits.get(m[1])
      if (!c) return this.error(res, rec, 404, 'Not Found')
      return this.send(res, rec, 200, this.commitJson(c))
    }
    if (method === 'POST' && p === '/git/commits') {
      const tree = String(body.tree)
      if (!this.trees.has(tree)) return this.error(res, rec, 422, 'Tree SHA does not exist')
      const parents = (body.parents as string[]) ?? []
      if (parents.some(x => !this.commits.has(x)))
        return this.error(res, rec, 422, 'Parent SHA does not exist')
      const sha = sha1(`commit ${tree} ${parents.join(',')} ${body.message} ${this.nextId++}`)
      const c = { sha, tree, parents, message: String(body.message) }
      this.commits.set(sha, c)
      return this.send(res, rec, 201, this.commitJson(c))
    }
    if (method === 'POST' && p === '/git/trees') {
      const baseTree = body.base_tree ? this.trees.get(String(body.base_tree)) : new Map<string, string>()
      if (!baseTree) return this.error(res, rec, 422, 'base_tree does not exist')
      const next = new Map(baseTree)
      for (const e of (body.tree as Array<{ path: string; content?: string; sha?: string }>) ?? []) {
        const blob = e.content !== undefined ? sha1(`blob ${e.content}`) : String(e.sha)
        if (e.content !== undefined) this.blobs.set(blob, e.content)
        next.set(e.path, blob)
      }
      const sha = sha1(`tree ${[...next].join(',')}`)
      this.trees.set(sha, next)
      return this.send(res, rec, 201, {
        sha,
        url: `${this.url}${base}/git/trees/${sha}`,
        truncated: false,
        tree: [...next].map(([path, blob]) => ({
          path,
          mode: '100644',
          type: 'blob',
          sha: blob,
          size: this.blobs.get(blob)?.length ?? 0,
          url: `${this.url}${base}/git/blobs/${blob}`
        }))
      })
    }
    if (method === 'GET' && (m = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(p))) {
      const t = this.blobs.get(m[1])
      if (t === undefined) return this.error(res, rec, 404, 'Not Found')
      return this.send(res, rec, 200, {
        sha: m[1],
        node_id: `B_${m[1].slice(0, 8)}`,
        size: Buffer.byteLength(t),
        url: `${this.url}${base}/git/blobs/${m[1]}`,
        content: Buffer.from(t).toString('base64'),
        encoding: 'base64'
      })
    }
    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(p))) {
      const ref = url.searchParams.get('ref') ?? ''
      const commit = this.commits.get(ref) ?? this.commits.get(this.refs.get(`refs/heads/${ref}`) ?? '')
      const blob = commit ? this.trees.get(commit.tree)?.get(m[1]) : undefined
      if (!blob) return this.error(res, rec, 404, 'Not Found')
      const t = this.blobs.get(blob) as string
      const size = Buffer.byteLength(t)
      // Like GitHub: above 1 MB the contents API leaves the content out.
      return this.send(res, rec, 200, {
        type: 'file',
        encoding: size > 1_000_000 ? 'none' : 'base64',
        size,
        name: m[1].split('/').pop(),
        path: m[1],
        content: size > 1_000_000 ? '' : Buffer.from(t).toString('base64'),
        sha: blob,
        url: `${this.url}${base}/contents/${m[1]}`,
        git_url: null,
        html_url: null,
        download_url: null,
        _links: { self: `${this.url}${base}/contents/${m[1]}`, git: null, html: null }
      })
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(p))) {
      const issue = Number(m[1])
      if (method === 'GET') {
        const all = this.comments.filter(c => c.issue === issue)
        const per = Number(url.searchParams.get('per_page') ?? 30)
        const page = Number(url.searchParams.get('page') ?? 1)
        const slice = all.slice((page - 1) * per, page * per)
        const last = Math.max(1, Math.ceil(all.length / per))
        const link =
          page < last
            ? {
                link: `<${this.url}${base}/issues/${issue}/comments?per_page=${per}&page=${page + 1}>; rel="next", <${this.url}${base}/issues/${issue}/comments?per_page=${per}&page=${last}>; rel="last"`
              }
            : undefined
        return this.send(
          res,
          rec,
          200,
          slice.map(c => this.commentJson(c)),
          link
        )
      }
      if (method === 'POST') {
        const text = String(body.body ?? '')
        if (text.length > 65536)
          return this.error(res, rec, 422, 'Body is too long (maximum is 65536 characters)')
        const c = {
          id: this.nextId++,
          issue,
          body: text,
          user: { login: this.tokenLogin ?? 'github-actions[bot]', type: this.tokenLogin ? 'User' : 'Bot' }
        }
        this.comments.push(c)
        return this.send(res, rec, 201, this.commentJson(c))
      }
    }
    if (method === 'PATCH' && (m = /^\/issues\/comments\/(\d+)$/.exec(p))) {
      const c = this.comments.find(x => x.id === Number(m?.[1]))
      if (!c) return this.error(res, rec, 404, 'Not Found')
      const text = String(body.body ?? '')
      if (text.length > 65536)
        return this.error(res, rec, 422, 'Body is too long (maximum is 65536 characters)')
      c.body = text
      return this.send(res, rec, 200, this.commentJson(c))
    }
    if (method === 'POST' && p === '/check-runs') {
      const out = body.output as { summary?: string } | undefined
      if (out?.summary && out.summary.length > 65535)
        return this.error(res, rec, 422, 'Only 65535 characters are allowed')
      const run = {
        id: this.nextId++,
        name: String(body.name),
        head_sha: String(body.head_sha),
        status: String(body.status ?? 'queued'),
        conclusion: (body.conclusion as string) ?? null,
        output: body.output
      }
      this.checkRuns.push(run)
      return this.send(res, rec, 201, {
        ...run,
        node_id: `CR_${run.id}`,
        url: `${this.url}${base}/check-runs/${run.id}`,
        html_url: `${this.url}/runs/${run.id}`
      })
    }
    if (method === 'PATCH' && (m = /^\/check-runs\/(\d+)$/.exec(p))) {
      const run = this.checkRuns.find(x => x.id === Number(m?.[1]))
      if (!run) return this.error(res, rec, 404, 'Not Found')
      Object.assign(run, {
        status: body.status ?? run.status,
        conclusion: body.conclusion ?? run.conclusion,
        output: body.output ?? run.output
      })
      return this.send(res, rec, 200, { ...run, node_id: `CR_${run.id}` })
    }
    if (method === 'POST' && (m = /^\/statuses\/([0-9a-f]+)$/.exec(p))) {
      const description = String(body.description ?? '')
      if (description.length > 140)
        return this.error(res, rec, 422, 'description is too long (maximum is 140 characters)')
      const s = {
        sha: m[1],
        state: String(body.state),
        context: String(body.context ?? 'default'),
        description
      }
      this.statuses.push(s)
      return this.send(res, rec, 201, { id: this.nextId++, ...s })
    }
    return this.error(res, rec, 404, 'Not Found')
  }

  private commitJson(c: Commit) {
    const base = `${this.url}/repos/${this.owner}/${this.repo}`
    return {
      sha: c.sha,
      node_id: `C_${c.sha.slice(0, 8)}`,
      url: `${base}/git/commits/${c.sha}`,
      html_url: `${this.url}/commit/${c.sha}`,
      author: { name: 'agent-credit-gate', email: 'gate@example.com', date: new Date().toISOString() },
      committer: { name: 'agent-credit-gate', email: 'gate@example.com', date: new Date().toISOString() },
      message: c.message,
      tree: { sha: c.tree, url: `${base}/git/trees/${c.tree}` },
      parents: c.parents.map(sha => ({
        sha,
        url: `${base}/git/commits/${sha}`,
        html_url: `${this.url}/commit/${sha}`
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
    }
  }

  private commentJson(c: { id: number; issue: number; body: string; user: { login: string; type: string } }) {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.url}/c/${c.id}`,
      html_url: `${this.url}/c/${c.id}`,
      body: c.body,
      user: { login: c.user.login, id: 1, type: c.user.type },
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
      issue_url: `${this.url}/i/${c.issue}`,
      author_association: 'NONE'
    }
  }
}
