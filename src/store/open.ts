/** The store a location names: a local file, a ref of a GitHub repository, or a PostgreSQL database. */
import type { DocumentStore, StoreLocation } from './types.js'
import { FileStore } from './file.js'
import { GitHubStore } from './github.js'
import { PostgresStore } from './postgres.js'
import { createGitHubClient, type ClientTuning } from '../github/client.js'
import { InputError } from '../errors.js'

export interface StoreAccess {
  /** Token for a GitHub store (needs contents: write). */
  token?: string
  /** Connection string of a PostgreSQL ledger (`ledger-url`; a secret). */
  url?: string
  /** GITHUB_API_URL. */
  apiUrl: string
  log?: (message: string) => void
  tuning?: ClientTuning
}

export function openStore(where: StoreLocation, access: StoreAccess): DocumentStore {
  if (where.kind === 'file') return new FileStore(where.path)
  if (where.kind === 'postgres') {
    if (!access.url)
      throw new InputError([
        'ledger-url: the postgres ledger needs a connection string: set the ledger-url input from a secret (the CLI reads AGENT_CREDIT_GATE_DATABASE_URL, else DATABASE_URL)'
      ])
    return new PostgresStore({ url: access.url, name: where.name })
  }
  if (!access.token) {
    throw new InputError([
      'ledger-token: the github ledger needs a token with contents: write; set github-token or ledger-token, or use ledger: file:PATH'
    ])
  }
  let waitedMs = 0
  const client = (throttleId?: string) =>
    createGitHubClient({
      ...access.tuning,
      ...(throttleId ? { throttleId } : {}),
      token: access.token!,
      baseUrl: access.apiUrl,
      log: access.log,
      onRateLimitWait: ms => (waitedMs += ms)
    })
  return new GitHubStore({
    octokit: client(),
    // Reads on their own throttle key: the throttler spaces GraphQL like a write, and a read creates nothing.
    reader: client(`${access.tuning?.throttleId ?? 'agent-credit-gate'}:reads`),
    owner: where.owner,
    repo: where.repo,
    ref: where.ref,
    rateLimitWaitMs: () => waitedMs
  })
}
