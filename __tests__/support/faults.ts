/**
 * The faults GitHub can throw at the action, as the GitHub double injects them, and the routes each
 * operation uses. Shared by the fault matrix and the many-runs test.
 */
import { SECONDARY_RATE_LIMIT, type Fault, type GitHubDouble } from './github-server.js'
import type { ClientTuning } from '../../src/github/client.js'

/**
 * The client as the fault tests run it: production code, with waits shrunk 200-fold (a `retry-after: 1`
 * waits 5 ms) and attempts that time out when `server` sits on them (the `hang` fault) and never
 * otherwise. No clock decides a timeout: on a busy machine a slow answer is still an answer, and a hung
 * one still times out. `throttleId` gives each client its own write spacing.
 */
export function faultTuning(server: GitHubDouble, throttleId: string): ClientTuning {
  return { retryAfterBaseMs: 5, attemptSignal: attemptsTimedOutBy(server), throttleId }
}

/** The reason AbortSignal.timeout gives: what the client reports as "the attempt timed out". */
const timedOut = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError')

/**
 * Attempt signals that `server` fires: when it sits on a request, every attempt that sent that request
 * (method, path and body) times out, as the client's own timeout would have.
 */
function attemptsTimedOutBy(server: GitHubDouble): NonNullable<ClientTuning['attemptSignal']> {
  const attempts = new Map<string, AbortController[]>()
  const key = (method: string, path: string, body: unknown) => `${method} ${path} ${JSON.stringify(body)}`
  const previous = server.onHang
  server.onHang = request => {
    previous(request)
    const sent = key(request.method, request.path, request.body)
    for (const attempt of attempts.get(sent) ?? []) attempt.abort(timedOut())
    attempts.delete(sent)
  }
  return ({ method, url, body }) => {
    const sent = key(method, new URL(url).pathname, body)
    const controller = new AbortController()
    attempts.set(sent, [...(attempts.get(sent) ?? []), controller])
    return controller.signal
  }
}

export interface FaultKind {
  /** As the matrix and docs/faults.md name it. */
  name: string
  fault: Fault
  /** The words the one-line message must carry when this fault is why an operation failed. */
  says: RegExp
  /** Only ref writes can meet it (a compare-and-swap conflict). */
  refWritesOnly?: true
  /** Harmless even on every request: the operation only gets slower. */
  slowOnly?: true
  /** GitHub handles the request but the client never hears: a retried create makes a second one. */
  landsTwice?: true
}

const via = String.raw`\((GET|POST|PATCH) /`

export const FAULTS: FaultKind[] = [
  {
    name: '500 Internal Server Error',
    fault: { status: 500, message: 'Internal Server Error' },
    says: new RegExp(`500 Internal Server Error ${via}`)
  },
  {
    name: '502 Bad Gateway',
    fault: { status: 502, message: 'Bad Gateway' },
    says: new RegExp(`502 Bad Gateway ${via}`)
  },
  {
    name: '503 Service Unavailable',
    fault: { status: 503, message: 'Service Unavailable' },
    says: new RegExp(`503 Service Unavailable ${via}`)
  },
  {
    name: '429 secondary rate limit, retry-after: 1',
    fault: { status: 429, retryAfter: 1, message: SECONDARY_RATE_LIMIT },
    says: new RegExp(`429 You have exceeded a secondary rate limit\\. .* ${via}`)
  },
  {
    name: '403 secondary rate limit, retry-after: 1',
    fault: { status: 403, retryAfter: 1, message: SECONDARY_RATE_LIMIT },
    says: new RegExp(`403 You have exceeded a secondary rate limit\\. .* ${via}`)
  },
  {
    name: '403 primary rate limit, resets in 1 s',
    fault: { status: 403, rateLimitResetS: 1, message: 'API rate limit exceeded for installation ID 1.' },
    says: new RegExp(`403 API rate limit exceeded for installation ID 1\\. ${via}`)
  },
  {
    name: 'connection reset',
    fault: { reset: true },
    says: new RegExp(`no answer from GitHub: .+ ${via}`)
  },
  {
    name: 'answer lost after the write landed',
    fault: { lostResponse: true },
    says: new RegExp(`no answer from GitHub: .+ ${via}`),
    landsTwice: true
  },
  {
    name: 'slow answer (0.1 s, under the timeout)',
    fault: { delayMs: 100 },
    says: /^$/,
    slowOnly: true
  },
  {
    name: 'no answer within the attempt timeout',
    fault: { hang: true },
    says: new RegExp(`no answer from GitHub: the attempt timed out ${via}`),
    landsTwice: true
  },
  {
    name: 'CAS conflict: another writer moves the ref first',
    // The ledger ref, not its lease: the lease has its own test (another writer holding it).
    fault: { conflict: true, onRef: /^refs\/agent-credit-gate\/ledger$/ },
    says: /^$/,
    refWritesOnly: true
  }
]

const REPO = String.raw`/repos/acme/api`
/** The requests each kind of operation makes, as `METHOD path` patterns for GitHubDouble.fault. */
export const ROUTES = {
  ledger: new RegExp(`^(POST /graphql|\\w+ ${REPO}/(git|contents)/)`),
  refWrites: new RegExp(`^(PATCH|POST) ${REPO}/git/refs`),
  comment: new RegExp(`^\\w+ (/graphql|${REPO}/issues/.*)$`),
  check: new RegExp(`^\\w+ ${REPO}/(check-runs|statuses)(/|$)`)
}

/** A repeatable stream of numbers in [0, 1) (mulberry32), for a seeded mix of faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
