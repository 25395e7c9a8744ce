/** `report`: the report the last gate (or record) wrote to the report file. */
import type { Settings } from '../config/settings.js'
import type { GateReport } from '../report/types.js'
import type { StepDeps } from './deps.js'

export async function lastReport(settings: Settings, deps: StepDeps): Promise<GateReport> {
  const text = await deps.files.read(
    settings.reports.reportFile,
    'report-file',
    'run agent-credit-gate gate first'
  )
  return JSON.parse(text) as GateReport
}
