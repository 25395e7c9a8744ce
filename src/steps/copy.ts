/**
 * `ledger copy`: every cycle of one ledger into another (GitHub, file or PostgreSQL, either way), and
 * the ledger's reset day. Each cycle is read whole, written whole to a target that does not hold it yet,
 * read back and compared: a copy that would lose or change an entry stops with the cycle named. A cycle
 * the target already holds exactly as the source does is kept, so a copy stopped part-way (a lost
 * connection on its third cycle) is finished by running it again.
 */
import { RESET_DAY } from '../ledger/cycles.js'
import { readWholeCycle } from '../ledger/update.js'
import { rowsOfDocument } from '../ledger/rows.js'
import { totals } from '../ledger/operations.js'
import type { LedgerDocument } from '../ledger/document.js'
import type { DocumentStore } from '../store/types.js'
import { InputError } from '../errors.js'

export interface CopiedCycle {
  cycle: string
  entries: number
  /** Settled USD (recorded actuals), the same on both sides. */
  settledUsd: number
  /** The target held this cycle already, identical to the source's: nothing was written. */
  alreadyThere?: boolean
}

export interface CopyReport {
  from: string
  to: string
  cycles: CopiedCycle[]
  resetDay?: number
}

/** What must be the same on both sides: every entry as recorded, the sums, the account and the meters. */
function fingerprint(doc: LedgerDocument): string {
  const entries = [...doc.entries].sort((a, b) => a.key.localeCompare(b.key))
  const { settledUsd } = totals(doc, new Date(doc.cycle.resetsAt))
  return JSON.stringify({
    entries,
    settledUsd: Math.round(settledUsd * 1e9),
    account: doc.account ?? null,
    meters: doc.meters ?? null
  })
}

export async function copyLedger(from: DocumentStore, to: DocumentStore): Promise<CopyReport> {
  if (!from.cycles)
    throw new Error(
      `ledger copy: ${from.describe()} cannot list its cycles; copy from a file or postgres ledger`
    )
  const report: CopyReport = { from: from.describe(), to: to.describe(), cycles: [] }
  if (report.from === report.to || from.locate(RESET_DAY) === to.locate(RESET_DAY))
    throw new InputError([
      `to: --from and --to name the same ledger (${report.to}); copy into another ledger`
    ])
  const ids = await from.cycles()
  // A source with no cycle is a mistyped path or name far more often than a ledger worth moving: a
  // copy that "succeeds" with nothing in it would leave the budget behind unnoticed.
  if (ids.length === 0)
    throw new InputError([
      `from: ${report.from} holds no cycle of a ledger, so there is nothing to copy; check the path or name (a file ledger keeps ledger.CYCLE.json files beside PATH, as status shows)`
    ])
  for (const id of ids) {
    const doc = await readWholeCycle(from, id)
    if (!doc) continue
    const summary = {
      cycle: id,
      entries: doc.entries.length,
      settledUsd: totals(doc, new Date(doc.cycle.resetsAt)).settledUsd
    }
    const existing = await readWholeCycle(to, id)
    if (existing) {
      if (fingerprint(existing) !== fingerprint(doc))
        throw new Error(
          `ledger copy: ${to.locate(id)} holds cycle ${id} already, and not as ${report.from} has it; nothing of it was changed: copy into a ledger without that cycle`
        )
      report.cycles.push({ ...summary, alreadyThere: true })
      continue
    }
    if (to.rows) await to.rows.import(id, rowsOfDocument(doc))
    else {
      const there = await to.read(id)
      if (there.text !== null)
        throw new Error(
          `ledger copy: ${to.locate(id)} exists already; copy into a ledger that does not have cycle ${id}`
        )
      const written = await to.write(
        id,
        JSON.stringify(doc) + '\n',
        there.version,
        `ledger copy of cycle ${id}`
      )
      if (!written.ok)
        throw new Error(`ledger copy: ${to.locate(id)} changed while copying; run the copy again`)
    }
    const back = await readWholeCycle(to, id)
    if (!back || fingerprint(back) !== fingerprint(doc))
      throw new Error(
        `ledger copy: cycle ${id} does not read back from ${to.describe()} as it was copied; check the target`
      )
    report.cycles.push(summary)
  }
  const day = await from.read(RESET_DAY)
  if (day.text !== null) {
    const there = await to.read(RESET_DAY)
    if (
      there.text !== day.text &&
      (await to.write(RESET_DAY, day.text, there.version, 'ledger copy: reset day')).ok
    )
      report.resetDay = (JSON.parse(day.text) as { billingCycleDay: number }).billingCycleDay
  }
  return report
}
