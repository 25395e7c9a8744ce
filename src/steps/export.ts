/** `export`: the current cycle's settled runs as FOCUS 1.2, CSV or JSON, from the ledger alone. */
import type { Settings } from '../config/settings.js'
import { currentCycle, resetOf } from '../ledger/cycles.js'
import { describeError } from '../github/errors.js'
import { renderExport, type ExportFormat } from '../report/export.js'
import type { LedgerDeps } from './deps.js'

export async function exportCycle(
  settings: Settings,
  deps: LedgerDeps,
  format: ExportFormat
): Promise<string> {
  const {
    cycle,
    read: { doc }
  } = await currentCycle(deps.store, deps.now, resetOf(settings), { all: true }).catch(error => {
    throw new Error(`ledger: ${describeError(error)}`)
  })
  return renderExport(format, doc, cycle, settings.ledger.account)
}
