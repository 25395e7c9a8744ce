/** Annotations on the workflow line of the gated step (and the prompt file), within GitHub's per-step limits. */
import { LineCounter, parseDocument, isMap, isSeq } from 'yaml'
import type { GateReport } from './types.js'
import { consequencesOf } from '../budget/consequences.js'

/** GitHub shows at most 10 annotations of each level per step. */
export const PER_LEVEL_LIMIT = 10

export interface Annotation {
  level: 'warning' | 'error' | 'notice'
  message: string
  title: string
  file?: string
  startLine?: number
}

/** 1-based line of the step whose `id` is stepId (or whose `uses` contains `uses`) in a workflow file. */
export function findStepLine(
  workflowYaml: string,
  match: { stepId?: string; uses?: string }
): number | undefined {
  const lines = new LineCounter()
  const doc = parseDocument(workflowYaml, { lineCounter: lines })
  const jobs = doc.get('jobs')
  if (!isMap(jobs)) return undefined
  for (const job of jobs.items) {
    const steps = isMap(job.value) ? job.value.get('steps') : undefined
    if (!isSeq(steps)) continue
    for (const step of steps.items) {
      if (!isMap(step)) continue
      const id = step.get('id')
      const uses = step.get('uses')
      const hit =
        (match.stepId && String(id) === match.stepId) ||
        (match.uses && typeof uses === 'string' && uses.includes(match.uses))
      if (hit && step.range) return lines.linePos(step.range[0]).line
    }
  }
  return undefined
}

export function annotationsFor(
  r: GateReport,
  ctx: { workflowPath?: string; line?: number; promptFile?: string }
): Annotation[] {
  const out: Annotation[] = []
  const at = ctx.workflowPath ? { file: ctx.workflowPath, startLine: ctx.line } : {}
  const d = r.decision
  const flagged = consequencesOf(d).annotation
  if (d && flagged) out.push({ ...flagged, message: d.reason, ...at })
  const t = r.estimate.inputTokens
  if (ctx.promptFile && flagged && t.prompt > (t.prompt + t.context + t.prefix) / 2) {
    out.push({
      level: 'notice',
      title: 'Large prompt',
      message: `This prompt is ${t.prompt} tokens, most of the first request; every turn re-sends it.`,
      file: ctx.promptFile,
      startLine: 1
    })
  }
  if (r.ledger?.error)
    out.push({ level: 'warning', title: 'Ledger unavailable', message: r.ledger.error, ...at })
  const counts = { warning: 0, error: 0, notice: 0 }
  return out.filter(a => ++counts[a.level] <= PER_LEVEL_LIMIT)
}
