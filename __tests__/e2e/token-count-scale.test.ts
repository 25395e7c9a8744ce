/**
 * The offline counter on pathological input: a guard against quadratic time, with the e2e tests
 * because it takes seconds (npm run test:unit stays the fast loop).
 */
import { describe, expect, it } from '@jest/globals'
import { countTokens } from '../../src/tokens/index.js'

describe('token counts', () => {
  it('count a megabyte-long chunk (a whitespace run, a line of emoji) in linear time', () => {
    // Legacy BPE is quadratic in a chunk's length and the legacy list has 1,024-space tokens: without
    // pieces and a token-length cap these take minutes. The bound is this process's CPU time, which
    // other jobs on a busy machine do not stretch as they stretch the wall clock.
    const cpu = process.cpuUsage()
    for (const text of [' '.repeat(1_000_000), '😀'.repeat(250_000)]) {
      const c = countTokens(text, 'A')
      expect(c.tokens).toBeGreaterThan(text.length / 64)
      expect(c.low).toBeLessThanOrEqual(c.tokens)
      expect(c.high).toBeGreaterThanOrEqual(c.tokens)
    }
    const { user, system } = process.cpuUsage(cpu)
    expect((user + system) / 1e6).toBeLessThan(15)
  })
})
