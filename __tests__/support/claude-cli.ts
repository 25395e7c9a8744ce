/** The pinned real Claude Code CLI for the end-to-end tests: installed once outside the repo (idempotent). */
import { execFileSync } from 'node:child_process'

/** The executable's path (scripts/install-claude.sh prints it last). */
export function installClaude(): string {
  return execFileSync('bash', ['scripts/install-claude.sh'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit']
  })
    .trim()
    .split('\n')
    .pop() as string
}
