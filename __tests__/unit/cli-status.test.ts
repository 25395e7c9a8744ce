/**
 * The cycle's account lives in the ledger: `status` and every later report show the credit, overage and
 * external spend the gates decided on, and each state reads as one word and one figure.
 */
import { describe, expect, it } from '@jest/globals'
import { fileLedgerCli } from '../support/cli.js'

const NOW = new Date('2026-11-24T12:00:00Z')

describe('the cycle account in the ledger', () => {
  it('status after a gate with --plan max-5x shows the Max 5x credit, as the ledger records it', async () => {
    const l = fileLedgerCli(NOW)
    expect((await l.gate('1', ['--plan', 'max-5x'])).code).toBe(0)
    const status = await l.cli(['status'])
    expect(status.out).toMatch(
      /^credit: \$200\.00 Max 5x credit .*; as the ledger records it \(run 1 gate, 2026-11-24\)$/m
    )
    expect(JSON.parse((await l.cli(['status', '--json'])).out).credit.creditUsd).toBe(200)
  })
  it('a later gate without --plan decides on the ledger’s credit; one with another plan changes it and says so', async () => {
    const l = fileLedgerCli(NOW)
    await l.gate('1', ['--plan', 'max-5x'])
    const later = JSON.parse((await l.gate('2', ['--json'])).out)
    expect(later.budget.credit.creditUsd).toBe(200)
    const changed = JSON.parse((await l.gate('3', ['--plan', 'pro', '--json'])).out)
    expect(changed.budget.credit.creditUsd).toBe(20)
    expect(changed.notices).toContain(
      "ledger: this cycle's account changed with this gate's inputs: credit $200.00 Max 5x credit → $20.00 Pro credit"
    )
    expect((await l.cli(['status'])).out).toMatch(/^credit: \$20\.00 Pro credit/m)
  })
})

describe('one word and one figure per state', () => {
  it('external spend past the credit reads "$x over the $20.00 budget" everywhere, never a negative remaining', async () => {
    const l = fileLedgerCli(NOW)
    const gate = await l.gate('1', ['--external-spend', '25', '--on-exhaust', 'warn'])
    expect(gate.code).toBe(0)
    expect(gate.out).toMatch(
      /^cycle 2026-11-01 → resets 2026-12-01: spent \$25\.00, held \$0\.00, \$5\.00 over the \$20\.00 budget$/m
    )
    expect(gate.out).toMatch(
      /^decision: Over budget: The p90 estimate \$\S+ does not fit this cycle, already \$5\.00 over the \$20\.00 budget: continuing with a warning \(on-exhaust: warn\)\.$/m
    )
    expect(gate.out).not.toMatch(/remaining -|FAIL|allowed=/)
    const status = await l.cli(['status'])
    expect(status.out).toMatch(
      /spent \$25\.00 \(external \$25\.00\) · held \$\S+ · \$\S+ over the \$20\.00 budget/
    )
    expect(status.out).not.toMatch(/remaining -/)
  })
})
