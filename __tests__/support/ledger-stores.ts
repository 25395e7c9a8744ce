/**
 * The ledger stores the tests run the same checks on, each `make()` a fresh, empty ledger: memory, a
 * file, a ref of the GitHub double and, where the server is installed, PostgreSQL (a throwaway cluster
 * for the test file). Kept apart from postgres.ts because this registers jest hooks, and
 * scripts/bench-postgres.ts starts a cluster outside jest.
 */
import { afterAll, beforeAll, it } from '@jest/globals'
import { join } from 'node:path'
import { createGitHubClient } from '../../src/github/client.js'
import { FileStore } from '../../src/store/file.js'
import { GitHubStore } from '../../src/store/github.js'
import { MemoryStore } from '../../src/store/memory.js'
import { PostgresStore, type PostgresStoreOptions } from '../../src/store/postgres.js'
import type { DocumentStore } from '../../src/store/types.js'
import type { GitHubDouble } from './github-server.js'
import { PostgresCluster, postgresMissing } from './postgres.js'
import { tempDir } from './temp-dirs.js'

/** A ledger on its own ref of `server`, written with its own token (GitHub's content limit counts per token). */
export function githubLedger(server: GitHubDouble): GitHubStore {
  const id = Math.random().toString(36).slice(2)
  return new GitHubStore({
    octokit: createGitHubClient({ token: `t-${id}`, baseUrl: server.url, throttle: false }),
    owner: 'acme',
    repo: 'api',
    ref: `refs/agent-credit-gate/test-${id}`
  })
}

/**
 * The stores by name, for describe.each: GitHub's on the double `server()` returns once the file has
 * started it, PostgreSQL's with `postgres` unless its server is missing.
 */
export function everyStore(
  server: () => GitHubDouble,
  postgres?: PostgresLedgers
): Array<[string, () => DocumentStore]> {
  return [
    ['memory', () => new MemoryStore()],
    ['file', () => new FileStore(join(tempDir('ledger'), 'ledger.json'))],
    ['github', () => githubLedger(server())],
    ...(postgres && !postgres.missing
      ? [['postgres', () => postgres.store()] as [string, () => DocumentStore]]
      : [])
  ]
}

export type PostgresLedgers = ReturnType<typeof postgresLedgers>

/**
 * A test file's PostgreSQL ledgers: one cluster started before its tests and destroyed after them,
 * every ledger opened in it closed first. Call at the file's top level. Where the server binaries are missing, `missing` says why (tests
 * that need the server skip on it) and one skipped test, `<what>: skipped, <why>`, shows it in the run.
 */
export function postgresLedgers(what: string) {
  const missing = postgresMissing()
  if (missing) it.skip(`${what}: skipped, ${missing}`, () => undefined)
  let cluster: PostgresCluster | undefined
  const opened: PostgresStore[] = []
  beforeAll(async () => {
    if (!missing) cluster = await PostgresCluster.start()
  }, 180_000)
  afterAll(async () => {
    await Promise.all(opened.map(s => s.close()))
    await cluster?.destroy()
  }, 60_000)
  const started = (): PostgresCluster => {
    if (!cluster) throw new Error(`no PostgreSQL cluster: ${missing ?? 'beforeAll has not started it yet'}`)
    return cluster
  }
  return {
    missing,
    /** The file's cluster, once beforeAll has started it. */
    get cluster(): PostgresCluster {
      return started()
    },
    /** A fresh ledger: a new name in the one test database (unless `opts` say otherwise), as several budgets would share it. */
    store: (opts: Partial<PostgresStoreOptions> = {}): PostgresStore => {
      const name = `t-${Math.random().toString(36).slice(2)}`
      const s = new PostgresStore({ url: started().url(), name, ...opts })
      opened.push(s)
      return s
    }
  }
}
