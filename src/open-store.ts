/** The ledger store the settings point at: a local file, or a ref of a GitHub repository. */
import type { Settings } from './config/settings.js'
import type { LedgerStore } from './ledger/store.js'
import { FileStore } from './ledger/file-store.js'
import { GitHubStore } from './ledger/github-store.js'
import { createGitHubClient, type ClientTuning } from './github/client.js'
import { InputError } from './config/parse.js'

export function openStore(
  settings: Settings,
  log?: (message: string) => void,
  tuning?: ClientTuning
): LedgerStore {
  const where = settings.ledger.location
  if (where.kind === 'file') return new FileStore(where.path)
  if (!settings.ledger.token) {
    throw new InputError([
      'ledger-token: the github ledger needs a token with contents: write; set github-token or ledger-token, or use ledger: file:PATH'
    ])
  }
  const octokit = createGitHubClient({
    ...tuning,
    token: settings.ledger.token,
    baseUrl: settings.github.apiUrl,
    log
  })
  return new GitHubStore({ octokit, owner: where.owner, repo: where.repo, ref: where.ref })
}
