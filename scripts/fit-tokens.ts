/**
 * `npm run fit:tokens`: fits the offline counter's family A factors and interval half-widths on the
 * calibration set (and nothing else) and writes them into src/tokens/factors.json.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { CHUNK_CLASSES } from '../src/tokens/chunk-class.js'
import { CALIBRATION, MIN_TOKENS, fitFactors, fitHalfWidths, leaveOneOut, loadSamples } from './token-fit.js'

const PATH = 'src/tokens/factors.json'
const ABS_TOKENS = 2
const samples = loadSamples().filter(s => s.expected >= MIN_TOKENS)
const factor = fitFactors(samples)
const halfWidth = fitHalfWidths(leaveOneOut(samples), ABS_TOKENS)
const round = (x: number) => Math.round(x * 1000) / 1000
const byClass = (xs: number[]) => Object.fromEntries(CHUNK_CLASSES.map((c, i) => [c, round(xs[i])]))

const current = JSON.parse(readFileSync(PATH, 'utf8'))
const next = {
  ...current,
  version: 2,
  fittedOn: `${CALIBRATION.replace(/^(\.\.\/)+/, '')}: ${samples.length} samples of ${MIN_TOKENS}+ tokens`,
  familyA: {
    why: 'true ÷ estimated tokens per chunk class (ridge least squares on relative error, toward 1); halfWidth: relative interval half-width per class from leave-one-out residuals; absTokens widens short texts',
    factor: byClass(factor),
    halfWidth: byClass(halfWidth),
    absTokens: ABS_TOKENS
  }
}
writeFileSync(PATH, JSON.stringify(next, null, 2) + '\n')
console.log(`wrote ${PATH}:`, JSON.stringify(next.familyA.factor), JSON.stringify(next.familyA.halfWidth))
