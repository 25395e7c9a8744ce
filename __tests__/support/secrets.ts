/** The secret scan: nothing the action printed, wrote or sent may hold a token or key it was given. */
import { expect } from '@jest/globals'

/** A secret as it could leak: verbatim, URL-encoded or base64 (inside a ledger blob or a file). */
function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]
}

/**
 * Fails naming every place (key of `places`) that holds any form of any secret. Lines that register
 * a secret with the runner (`::add-mask::`) are the one place a secret may appear.
 */
export function expectNoSecrets(places: Record<string, string>, secrets: string[]): void {
  const leaks: string[] = []
  for (const [where, text] of Object.entries(places)) {
    const scanned = text
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    for (const secret of secrets)
      if (forms(secret).some(f => scanned.includes(f))) leaks.push(`${where} holds ${secret.slice(0, 4)}…`)
  }
  expect(leaks).toEqual([])
}

/** What a GitHub double recorded, as places to scan: every request body (comments, check runs, ledger commits). */
export function recordedBodies(
  requests: Array<{ method: string; path: string; body: unknown }>
): Record<string, string> {
  return Object.fromEntries(
    requests.map((r, i) => [
      `request #${i} ${r.method} ${r.path}`,
      r.body === undefined ? '' : JSON.stringify(r.body)
    ])
  )
}
