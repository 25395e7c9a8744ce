/**
 * The one GitHub client: @octokit/rest with plugin-retry (5xx, connection errors, timeouts) and
 * plugin-throttling (primary and secondary rate limits, honouring `retry-after`). 409 and 422 are never
 * retried here: they are compare-and-swap conflicts, which our own CAS loop retries after re-reading.
 * 429 is left to the throttler too: the retry plugin would ignore GitHub's `retry-after`.
 */
import { Octokit } from '@octokit/rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export interface ClientOptions {
  token: string
  /** GITHUB_API_URL: github.com, GHES or a local test server. */
  baseUrl: string
  log?: (message: string) => void
  /** Tests switch the throttler off; the retry plugin stays. */
  throttle?: boolean
  /** Retries per request for 5xx, connection errors and timeouts (default 3). */
  retries?: number
  /** Milliseconds one attempt may take before it is abandoned and retried (default 30,000). */
  timeoutMs?: number
  /**
   * Tests only: what ends one attempt instead of the `timeoutMs` clock, given the request it carries.
   * A test double that sits on a request times out exactly that attempt, however busy the machine is.
   */
  attemptSignal?: (request: AttemptRequest) => AbortSignal
  /** Tests only: milliseconds per second of every retry wait, both plugins (default 1000). */
  retryAfterBaseMs?: number
  /** The throttler's limiter key; clients with one key share write spacing (default: one per process). */
  throttleId?: string
  /** Told each wait for a rate limit the client sits through (`retry-after`, a reset), in ms. */
  onRateLimitWait?: (ms: number) => void
}

/** The request one attempt sends: its method, full URL and body. */
export interface AttemptRequest {
  method: string
  url: string
  body?: unknown
}

/**
 * How a caller may tune the client without changing what it talks to. `throttle: false` is for a local
 * double only: GitHub asks for a second between content-creating requests, which a test need not wait.
 */
export type ClientTuning = Pick<
  ClientOptions,
  'timeoutMs' | 'attemptSignal' | 'retryAfterBaseMs' | 'throttleId' | 'throttle'
>

/** Longest rate-limit wait worth sitting through, seconds; past it the request fails and says when to retry. */
const MAX_RATE_LIMIT_WAIT_S = 60
const RETRIED_BY_NEITHER = [400, 401, 403, 404, 409, 410, 422, 429, 451]

/**
 * A fresh timeout for every attempt. Registered before the retry plugin, so each retry re-enters it; a
 * timed-out attempt surfaces as a retryable 500 ("The operation was aborted due to timeout").
 */
function attemptTimeout(octokit: Pick<Octokit, 'hook' | 'request'>, options: Record<string, unknown>) {
  const ms = Number(options.attemptTimeoutMs ?? 30_000)
  const given = options.attemptSignal as ClientOptions['attemptSignal']
  octokit.hook.before('request', opts => {
    const signal = given ? given(octokit.request.endpoint.parse(opts)) : AbortSignal.timeout(ms)
    opts.request = { ...opts.request, signal }
  })
}

const GateOctokit = Octokit.plugin(attemptTimeout, retry, throttling)

export function createGitHubClient(opts: ClientOptions): Octokit {
  const log = opts.log ?? (() => undefined)
  const base = opts.retryAfterBaseMs ?? 1000
  const rateLimited =
    (kind: string, tries: number) =>
    (after: number, options: { method: string; url: string }, _octokit: unknown, count: number) => {
      if (count >= tries || after > MAX_RATE_LIMIT_WAIT_S) {
        log(`GitHub ${kind} on ${options.method} ${options.url}; not waiting ${after} s for it`)
        return false
      }
      log(`GitHub ${kind} on ${options.method} ${options.url}; retrying in ${after} s`)
      opts.onRateLimitWait?.(after * base)
      return true
    }
  return new GateOctokit({
    auth: opts.token,
    baseUrl: opts.baseUrl,
    userAgent: 'agent-credit-gate',
    log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
    attemptTimeoutMs: opts.timeoutMs,
    attemptSignal: opts.attemptSignal,
    retry: { doNotRetry: RETRIED_BY_NEITHER, retries: opts.retries ?? 3, retryAfterBaseValue: base },
    throttle: {
      enabled: opts.throttle ?? true,
      retryAfterBaseValue: base,
      ...(opts.throttleId ? { id: opts.throttleId } : {}),
      onRateLimit: rateLimited('rate limit', 2),
      onSecondaryRateLimit: rateLimited('secondary rate limit', 1)
    }
  }) as unknown as Octokit
}
