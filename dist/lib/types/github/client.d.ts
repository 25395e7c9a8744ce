/**
 * The one GitHub client: @octokit/rest with plugin-retry (5xx, connection errors, timeouts) and
 * plugin-throttling (primary and secondary rate limits, honouring `retry-after`). 409 and 422 are never
 * retried here: they are compare-and-swap conflicts, which our own CAS loop retries after re-reading.
 * 429 is left to the throttler too: the retry plugin would ignore GitHub's `retry-after`.
 */
import { Octokit } from '@octokit/rest';
export interface ClientOptions {
    token: string;
    /** GITHUB_API_URL: github.com, GHES or a local test server. */
    baseUrl: string;
    log?: (message: string) => void;
    /** Tests switch the throttler off; the retry plugin stays. */
    throttle?: boolean;
    /** Retries per request for 5xx, connection errors and timeouts (default 3). */
    retries?: number;
    /** Milliseconds one attempt may take before it is abandoned and retried (default 30,000). */
    timeoutMs?: number;
    /**
     * Tests only: what ends one attempt instead of the `timeoutMs` clock, given the request it carries.
     * A test double that sits on a request times out exactly that attempt, however busy the machine is.
     */
    attemptSignal?: (request: AttemptRequest) => AbortSignal;
    /** Tests only: milliseconds per second of every retry wait, both plugins (default 1000). */
    retryAfterBaseMs?: number;
    /** The throttler's limiter key; clients with one key share write spacing (default: one per process). */
    throttleId?: string;
    /** Told each wait for a rate limit the client sits through (`retry-after`, a reset), in ms. */
    onRateLimitWait?: (ms: number) => void;
}
/** The request one attempt sends: its method, full URL and body. */
export interface AttemptRequest {
    method: string;
    url: string;
    body?: unknown;
}
/**
 * How a caller may tune the client without changing what it talks to. `throttle: false` is for a local
 * double only: GitHub asks for a second between content-creating requests, which a test need not wait.
 */
export type ClientTuning = Pick<ClientOptions, 'timeoutMs' | 'attemptSignal' | 'retryAfterBaseMs' | 'throttleId' | 'throttle'>;
export declare function createGitHubClient(opts: ClientOptions): Octokit;
