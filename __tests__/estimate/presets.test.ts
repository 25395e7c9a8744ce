import { describe, expect, it } from '@jest/globals'
import { SHIPPED, compareVersions, ttlFor } from '../../src/estimate/presets.js'
import { fitRuns, loadRuns } from '../../scripts/runs-fit.js'

describe('the fitted presets', () => {
  it('are what npm run accuracy:runs fits on the published runs in reference/', () => {
    expect(fitRuns(loadRuns())).toEqual(SHIPPED)
  })
  it('record the calibration runs as the post step would: our priced actual is Claude’s own figure, but for 1-hour writes', () => {
    // Claude Code prices 5-minute writes exactly as we do; CLIs before 2.1.311 priced 1-hour writes
    // at the 5-minute rate, and those runs say so.
    for (const run of loadRuns()) {
      if (run.actual.behaviour?.cacheTtl === '1h')
        expect(run.actual.mismatch).toMatch(/priced 1-hour cache writes at the 5-minute rate/)
      else expect(run.actual.mismatch).toBeUndefined()
      expect(run.actual.behaviour?.requests).toBeGreaterThan(0)
    }
  })
})

describe('the TTL Claude Code asks for', () => {
  it('compares versions part by part', () => {
    expect(compareVersions('2.1.4', '2.1.242')).toBeLessThan(0)
    expect(compareVersions('2.1.331', '2.1.242')).toBeGreaterThan(0)
    expect(compareVersions('2.1.4', '2.1.4')).toBe(0)
  })
  it('is 5 minutes with an API key, whatever the version', () => {
    expect(ttlFor('api-key', '2.1.331')?.value).toBe('5m')
    expect(ttlFor('api-key', undefined)?.value).toBe('5m')
  })
  it('on a subscription, is known only for the versions there is evidence for', () => {
    expect(ttlFor('subscription', '2.1.4')?.value).toBe('5m')
    expect(ttlFor('subscription', '2.1.331')?.value).toBe('1h')
    expect(ttlFor('subscription', '2.1.100')).toBeUndefined()
    expect(ttlFor('subscription', undefined)).toBeUndefined()
  })
})
