/**
 * What a refused (or warned) run could do instead, each with its figure, computed from what the report
 * already carries: the estimate's per-request rows, its token mix re-priced for other models, and the
 * cycle's money. The gate step adds the result to the report; the renderers only show it.
 */
import { holdNeeded } from '../budget/cap.js'
import type { GateReport } from './types.js'
import type { PriceTable } from '../pricing/types.js'
import { priceUsage } from '../pricing/cost.js'
import { resolveModel } from '../pricing/table.js'

export interface WaysOut {
  /** USD the gated figure is over what is left (0 when it fits). */
  shortfallUsd: number
  /** When the credit resets (ISO): waiting is always a way out. */
  resetsAt: string
  /** Settings that would let this run fit: overage raised to, or monthly-credits raised to. */
  raise: { overageUsd: number; monthlyCreditsUsd: number }
  /**
   * The largest max-turns whose cost fits what is left, by the estimate's own per-request rows scaled
   * like the gated figure (`usd`: that many turns; `belowTypical`: fewer turns than a typical run).
   */
  maxTurns?: { turns: number; usd: number; from: number; belowTypical: boolean }
  /**
   * The same run's tokens priced for each cheaper model of the price table's aliases, scaled like the
   * gated figure (`gatedUsd`); `fits` says whether it fits what is left.
   */
  cheaperModels: Array<{ alias: string; id: string; displayName: string; gatedUsd: number; fits: boolean }>
}

/** The ways out of a decision that does not (or barely) fit; undefined without a budget or decision. */
export function waysOut(r: GateReport, table: PriceTable): WaysOut | undefined {
  const d = r.decision
  const b = r.budget
  if (!d || !b) return undefined
  const left = Math.max(0, b.state.remainingUsd)
  const shortfall = Math.max(0, holdNeeded(d) - b.state.remainingUsd)
  const loop = r.estimate.loop
  const model = resolveModel(table, r.model.id)
  // Request by request, as the estimate priced them: the summed tokens of a whole run would cross a
  // model's long-prompt threshold that no single request reaches, and skew the ratio between models.
  const priced = (m: typeof model) =>
    loop.perTurn.length > 0
      ? loop.perTurn.reduce((sum, t) => sum + priceUsage(m, t.usage).usd, 0)
      : priceUsage(m, loop.tokens).usd
  const here = priced(model)
  const cheaper: WaysOut['cheaperModels'] = []
  const seen = new Set([model.id])
  for (const [alias, id] of Object.entries(table.aliases)) {
    if (seen.has(id)) continue
    seen.add(id)
    const other = resolveModel(table, id)
    const usd = here > 0 ? (d.gatedUsd * priced(other)) / here : 0
    if (usd < d.gatedUsd)
      cheaper.push({
        alias,
        id,
        displayName: other.displayName,
        gatedUsd: usd,
        fits: holdNeeded({ gatedUsd: usd, maxRunUsd: d.maxRunUsd }) <= left
      })
  }
  cheaper.sort((x, y) => y.gatedUsd - x.gatedUsd)
  // The per-request rows are the model alone; the report's figures may blend in history. When history
  // says runs cost more than the model (at p50 or at the gated figure), scale the rows up by the larger
  // ratio, so N turns never cost less here than the table's column for N turns; never scale down.
  const blended = r.estimate.blended
  const modelGated = { p50: loop.p50Usd, p90: loop.p90Usd, max: loop.maxUsd }[d.gateOn]
  const ratio = (x: number, model: number) => (model > 0 ? x / model : 1)
  const scale = Math.max(1, ratio(blended.p50Usd, loop.p50Usd), ratio(d.gatedUsd, modelGated))
  // The rows are the main loop alone: the fan-out and the job's correction ride on every figure.
  const atP50 = loop.perTurn.filter(t => t.request <= loop.requests.p50).at(-1)?.cumulativeUsd ?? 0
  const onTop = atP50 > 0 ? Math.max(1, loop.p50Usd / atP50) : 1
  const fitting = loop.perTurn
    .map(t => ({ turn: t.turn, usd: Math.min(t.cumulativeUsd * onTop * scale, d.gatedUsd) }))
    .filter(t => t.turn < loop.turns.max && t.usd <= left && t.usd < d.gatedUsd)
    .at(-1)
  return {
    shortfallUsd: shortfall,
    resetsAt: b.cycle.resetsAt,
    raise: {
      overageUsd: b.credit.overageUsd + shortfall,
      monthlyCreditsUsd: b.credit.creditUsd + shortfall
    },
    maxTurns: fitting && {
      turns: fitting.turn,
      usd: fitting.usd,
      from: loop.turns.max,
      belowTypical: fitting.turn < loop.turns.p50
    },
    cheaperModels: cheaper
  }
}
