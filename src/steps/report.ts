/** `report`: the report the last gate (or record) wrote to the report file. */
import type { Settings } from '../config/settings.js'
import type { GateReport } from '../report/types.js'
import { InputError, jsonErrorPlace } from '../errors.js'
import type { StepDeps } from './deps.js'

const SCHEMA: GateReport['schema'] = 'agent-credit-gate/report@1'

export async function lastReport(settings: Settings, deps: StepDeps): Promise<GateReport> {
  const path = settings.reports.reportFile
  const text = await deps.files.read(path, 'report-file', 'run agent-credit-gate gate first')
  const fix = `give the file a gate wrote with --report-file (agent-credit-gate gate --report-file ${path})`
  let report: unknown
  try {
    report = JSON.parse(text)
  } catch (error) {
    throw new InputError([
      `report-file: ${JSON.stringify(path)} is not JSON${jsonErrorPlace(error, text)}; ${fix}`
    ])
  }
  // Any other JSON (a usage log, Claude's result) would render as nonsense or fail deep in the renderer.
  if ((report as { schema?: unknown } | null)?.schema !== SCHEMA)
    throw new InputError([
      `report-file: ${JSON.stringify(path)} is not an agent-credit-gate report (no "schema": "${SCHEMA}"); ${fix}`
    ])
  return report as GateReport
}
