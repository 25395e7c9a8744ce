/**
 * The one GitHub client: @octokit/rest with plugin-retry (5xx, 429) and plugin-throttling (primary
 * and secondary rate limits). 409 and 422 are never retried here: they are compare-and-swap
 * conflicts, which our own CAS loop retries after re-reading.
 */
import { Octokit } from '@octokit/rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

const GateOctokit = Octokit.plugin(retry, throttling)

export interface ClientOptions {
  token: string
  /** GITHUB_API_URL: github.com, GHES or a local test server. */
  baseUrl: string
  log?: (message: string) => void
  /** Tests switch the throttler off; the retry plugin stays. */
  throttle?: boolean
  /** Retries per request for 5xx/429 (default 3). */
  retries?: number
}

export function createGitHubClient(opts: ClientOptions): Octokit {
  const log = opts.log ?? (() => undefined)
  return new GateOctokit({
    auth: opts.token,
    baseUrl: opts.baseUrl,
    userAgent: 'agent-credit-gate',
    log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
    retry: { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451], retries: opts.retries ?? 3 },
    throttle: {
      enabled: opts.throttle ?? true,
      onRateLimit: (after, options, _octokit, count) => {
        log(`GitHub rate limit on ${options.method} ${options.url}; retrying in ${after} s`)
        return count < 2
      },
      onSecondaryRateLimit: (after, options, _octokit, count) => {
        log(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${after} s`)
        return count < 1
      }
    }
  }) as unknown as Octokit
}
