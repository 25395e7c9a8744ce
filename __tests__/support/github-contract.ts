/**
 * Loaded by jest before every test file (setupFilesAfterEnv): after each test, every running GitHub
 * double must have seen only requests the real API accepts and sent only responses it could send.
 * A violation fails the test that caused it, naming the operation and the schema path. The doubles are
 * found on globalThis (github-server.ts puts them there), so a file that starts none loads none of
 * their schemas.
 */
import { afterEach } from '@jest/globals'

const running = () =>
  ((globalThis as Record<symbol, unknown>)[Symbol.for('agent-credit-gate.github-doubles')] ??
    new Set()) as Set<{
    takeViolations(): string[]
  }>

afterEach(() => {
  const violations = [...running()].flatMap(d => d.takeViolations())
  if (violations.length)
    throw new Error(`the GitHub double saw what the real API would not:\n  ${violations.join('\n  ')}`)
})
