/**
 * `npm run bench:ledger`: the time of 10,000 reserve+settle operations on one document and its size;
 * then document size and the time of one gate (estimate + read + decide + hold) with 0, 1,000 and
 * 10,000 settled runs already in the cycle, on the file store and on the local GitHub double, with the
 * API calls one gate makes. Prints measured numbers.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GitHubDouble } from '../__tests__/support/github-server.js'
import { parseSettings } from '../src/config/parse.js'
import { gate } from '../src/steps/gate.js'
import { FileStore } from '../src/store/file.js'
import { GitHubStore } from '../src/store/github.js'
import type { DocumentStore } from '../src/store/types.js'
import { nodeFiles } from '../src/files/files.js'
import { createGitHubClient } from '../src/github/client.js'
import { emptyDocument, KEEP_ENTRIES, reserve, settle, totals } from '../src/ledger/operations.js'
import { cycleAt } from '../src/budget/cycle.js'

const now = new Date()
const cycle = cycleAt(now, 1)

function documentWith(n: number) {
  let doc = emptyDocument(cycle)
  for (let i = 0; i < n; i++) {
    const key = `old-${i}`
    doc = reserve(
      doc,
      {
        key,
        jobId: 'acme/api/agent/review/gate',
        holdUsd: 0.01,
        estimate: { p50Usd: 0.01, p90Usd: 0.01, maxUsd: 0.01, gateOn: 'p90' },
        priceTableAsOf: '2026-11-23',
        holdHours: 6
      },
      now
    ).doc
    doc = settle(doc, { key, actualUsd: 0.001 }, now).doc
  }
  return doc
}

{
  const t0 = process.hrtime.bigint()
  const doc = documentWith(10_000)
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  console.log(
    `10,000 reserve+settle: ${ms.toFixed(0)} ms · document ${(JSON.stringify(doc).length / 1024).toFixed(0)} KB · ` +
      `${doc.entries.length} entries kept (KEEP_ENTRIES ${KEEP_ENTRIES}) · settled $${totals(doc, now).settledUsd.toFixed(2)}`
  )
}

const server = await new GitHubDouble().start()
try {
  for (const n of [0, 1_000, 10_000]) {
    const doc = documentWith(n)
    const bytes = JSON.stringify(doc).length
    for (const kind of ['file', 'github'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'acg-bench-'))
      const ref = `refs/agent-credit-gate/bench-${n}`
      const store: DocumentStore =
        kind === 'file'
          ? new FileStore(join(dir, 'ledger.json'))
          : new GitHubStore({
              octokit: createGitHubClient({ token: 't', baseUrl: server.url, throttle: false }),
              owner: 'acme',
              repo: 'api',
              ref
            })
      if (n > 0) await store.write(cycle.id, JSON.stringify(doc), null)
      const settings = parseSettings(
        {
          prompt: 'Review the diff.',
          ledger: kind === 'file' ? `file:${join(dir, 'ledger.json')}` : 'github:acme/api',
          'github-token': 't',
          'monthly-credits': '1000',
          'max-turns': '8'
        },
        { GITHUB_API_URL: server.url, GITHUB_RUN_ID: `bench-${n}` },
        'cli'
      )
      const before = server.requests.length
      const t0 = process.hrtime.bigint()
      const { report } = await gate(settings, { now, files: nodeFiles(dir), log: () => undefined, store })
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      const calls = kind === 'github' ? ` · ${server.requests.length - before} API calls` : ''
      console.log(
        `${String(n).padStart(6)} settled runs · document ${(bytes / 1024).toFixed(0).padStart(4)} KB · ${kind.padEnd(6)} gate ${ms.toFixed(0).padStart(5)} ms${calls} · ${report.decision?.decision}`
      )
    }
  }
} finally {
  await server.stop()
}
