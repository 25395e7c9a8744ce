/**
 * `run -- <command>`: the whole loop around any agent command. Gate (refused: the command never starts);
 * run it with the cap handed over (`--max-budget-usd` appended to a `claude` command, the smaller of two
 * kept; the environment for anything); record what it spent when it ends — from Claude's result, else
 * priced from the responses seen so far and marked partial — or release the hold when no request was
 * made. The command's own exit code is the answer: a ledger error at record time is a warning.
 * Starting the process is the shell's (deps.start); this step only decides.
 */
import type { Settings } from '../config/settings.js'
import { consequencesOf } from '../budget/consequences.js'
import type { Cycle, Decision } from '../budget/types.js'
import type { GateReport } from '../report/types.js'
import { InputError } from '../errors.js'
import { release as releaseHold } from '../ledger/operations.js'
import { updateLedger } from '../ledger/update.js'
import { describeError } from '../github/errors.js'
import { plainUsd, usd } from '../budget/format.js'
import type { UsageSource } from '../usage/measure.js'
import { isMessagesLog, partialRequests } from '../usage/messages-jsonl.js'
import { gate } from './gate.js'
import { readUsage, settleRun, type Settlement } from './record.js'
import type { LedgerDeps } from './deps.js'

/** The environment every command gets: the cap, the hold and the ledger key of its run. */
export const RUN_ENV = {
  cap: 'AGENT_CREDIT_GATE_MAX_BUDGET_USD',
  hold: 'AGENT_CREDIT_GATE_HOLD_USD',
  key: 'AGENT_CREDIT_GATE_RUN_KEY'
} as const

/** What to start. */
export interface ChildPlan {
  /** The command as found on PATH (or as given, with a slash). */
  path: string
  args: string[]
  /** Added to the CLI's own environment. */
  env: Record<string, string>
  /** Tee the child's stdout into `ChildExit.stdout` (it is still written through untouched). */
  captureStdout: boolean
}

/** How the command ended. */
export interface ChildExit {
  /** The code a shell would report: the child's own, or 128+N when signal N ended it. */
  exitCode: number
  signal?: string
  /** The stdout it wrote, when captured. */
  stdout: string
}

/** The command's path, or why it cannot be started: not there, a folder, or not executable. */
export type Found = { path: string } | { missing: 'not-found' | 'folder' | 'not-executable' }

export interface RunDeps extends LedgerDeps {
  /** The command's path if it can be started (PATH lookup), else why not. */
  which: (command: string) => Found
  /** Start the child with stdin, stdout and stderr passed through, forward SIGINT/SIGTERM, wait for it. */
  start: (plan: ChildPlan) => Promise<ChildExit>
  /** Say these lines now, before the command starts (the gate's notices and run's notes so far). */
  announce?: (lines: string[]) => void
}

export interface RunRequest {
  /** The command and its arguments, as given after `--`. */
  argv: string[]
}

export interface RunReport {
  gate: GateReport
  /** Whether the command was started. */
  ran: boolean
  /** The exit code `run` ends with. */
  exitCode: number
  /** The cap handed over (USD), when the gate gave one. */
  capUsd?: number
  /** The argv the command got (with the cap appended for claude). */
  argv?: string[]
  child?: ChildExit
  settlement?: Settlement
  /** USD released because the command made no request. */
  releasedUsd?: number
  /** Lines for stderr: what happened, in order. */
  notes: string[]
  /** How many of `notes` (and whether the gate's notices) were already said through `deps.announce`. */
  announced: number
  /** Problems that did not change the exit code (a ledger error at record time). */
  warnings: string[]
}

const CLAUDE = /(^|[\\/])claude(\.exe)?$/
const CAP_FLAG = '--max-budget-usd'

/** Whether the command is Claude Code's CLI (which takes --max-budget-usd). */
export function isClaude(command: string): boolean {
  return CLAUDE.test(command)
}

/** The cap handed to the agent and the hold in the ledger, as the gate decided them. */
export function capOf(decision: Decision | undefined): { capUsd?: number; holdUsd?: number } {
  if (!decision) return {}
  return { capUsd: decision.maxBudgetUsd, holdUsd: decision.holdUsd }
}

/**
 * Every --max-budget-usd the user gave (either spelling) and where, or a one-line error for a bad value.
 * All of them, not the first: Claude takes the last one given, so each must be held to the cap.
 */
function ownCaps(args: string[]): Array<{ at: number; value: number; joined: boolean }> {
  const found: Array<{ at: number; value: number; joined: boolean }> = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--') break
    const joined = a.startsWith(`${CAP_FLAG}=`)
    if (a !== CAP_FLAG && !joined) continue
    const raw = joined ? a.slice(CAP_FLAG.length + 1) : args[i + 1]
    const value = Number(raw)
    if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
      throw new InputError([
        `command: ${CAP_FLAG} ${JSON.stringify(raw ?? '')} is not a positive number of USD; fix it or drop it (run hands Claude its cap)`
      ])
    }
    found.push({ at: i, value, joined })
  }
  return found
}

/** A `claude` command's arguments with the cap: appended, or each of its own lowered to the cap when above it. */
export function withCap(args: string[], capUsd: number): { args: string[]; note?: string } {
  const own = ownCaps(args)
  const cap = plainUsd(capUsd)
  if (own.length === 0) return { args: [...args, CAP_FLAG, cap] }
  const above = own.filter(o => o.value > capUsd)
  const given = own.map(o => o.value).join(', ')
  if (above.length === 0)
    return { args, note: `the command's own ${CAP_FLAG} ${given} is below the gate's cap ${cap}: kept` }
  const out = [...args]
  for (const o of above) {
    if (o.joined) out[o.at] = `${CAP_FLAG}=${cap}`
    else out[o.at + 1] = cap
  }
  return {
    args: out,
    note: `the command's own ${CAP_FLAG} ${above.map(o => o.value).join(', ')} is above the gate's cap: lowered to ${cap}`
  }
}

/**
 * Whether Claude's captured stdout shows any API request: a result, an assistant response, or anything
 * that is not Claude's stream (a usage log, plain text), which record judges. Only an empty stdout or a
 * stream of messages with no response in it means nothing was spent.
 */
function requestWasMade(stdout: string): boolean {
  if (stdout.trim() === '') return false
  if (isMessagesLog(stdout) || /"type"\s*:\s*"result"/.test(stdout)) return true
  if (partialRequests(stdout).length > 0) return true
  return !stdout.split('\n').every(l => {
    try {
      return l.trim() === '' || typeof (JSON.parse(l) as { type?: unknown }).type === 'string'
    } catch {
      return false
    }
  })
}

/** Release the run's hold: the command made no request, so nothing was spent. */
async function releaseUnspent(key: string, cycle: Cycle, deps: RunDeps): Promise<number> {
  const { result } = await updateLedger(deps.store, cycle, doc => {
    const held = doc.entries.find(e => e.key === key && e.status === 'held')
    if (!held) return { doc, result: 0 }
    return { doc: releaseHold(doc, key, deps.now).doc, result: held.holdUsd }
  })
  return result
}

/** Why a command cannot start, in one line: a path names what is wrong with it, a bare name is looked up on PATH. */
function notStartable(command: string, missing: Extract<Found, { missing: unknown }>['missing']): string {
  const shown = JSON.stringify(command)
  if (!command.includes('/'))
    return `command: ${shown} was not found on PATH (nothing was held); install it or give its path`
  const what = {
    'not-found': 'does not exist',
    folder: 'is a folder, not a program',
    'not-executable': 'is not executable'
  }[missing]
  const fix =
    missing === 'not-executable'
      ? `chmod +x ${shown}, or run it through its interpreter`
      : 'give the path of the program to run'
  return `command: ${shown} ${what} (nothing was held); ${fix}`
}

export async function run(settings: Settings, req: RunRequest, deps: RunDeps): Promise<RunReport> {
  const [command, ...given] = req.argv
  if (!command) throw new InputError([`command: run needs a command after --, e.g. run -- claude -p "…"`])
  // A command that cannot start fails before the gate holds anything.
  const found = deps.which(command)
  if ('missing' in found) throw new InputError([notStartable(command, found.missing)])
  const { path } = found
  const claude = isClaude(command)
  if (claude) ownCaps(given)

  const gated = await gate(settings, deps)
  const report = gated.report
  const notes: string[] = []
  const warnings: string[] = []
  const then = consequencesOf(report.decision)
  if (!then.allowed) {
    notes.push(
      `${then.word}: ${report.decision?.reason ?? ''} ${command} was not started (on-exhaust: ${settings.budget.onExhaust}).`
    )
    return { gate: report, ran: false, exitCode: then.exitCode, notes, warnings, announced: 0 }
  }

  const { capUsd, holdUsd } = capOf(report.decision)
  const env: Record<string, string> = {}
  let args = given
  if (capUsd !== undefined) {
    env[RUN_ENV.cap] = plainUsd(capUsd)
    if (claude) {
      const capped = withCap(given, capUsd)
      args = capped.args
      if (capped.note) notes.push(capped.note)
    }
  }
  if (holdUsd !== undefined && gated.holdKey) env[RUN_ENV.hold] = plainUsd(holdUsd)
  if (gated.holdKey) env[RUN_ENV.key] = gated.holdKey
  notes.push(
    `${then.word}: holding ${usd(holdUsd ?? 0)}${capUsd !== undefined ? `, cap ${usd(capUsd)}` : ''}; running ${command}`
  )

  // Said before the command starts: an agent run can take an hour, and its gate's verdict (the hold, the
  // cap, any warning) is what the user needs while it runs, not after.
  let announced = 0
  if (deps.announce) {
    deps.announce([...report.notices, ...notes])
    announced = notes.length
  }

  const usageFile = settings.reports.usageFile
  let child: ChildExit
  try {
    child = await deps.start({ path, args, env, captureStdout: usageFile === undefined })
  } catch (error) {
    // It never ran: its hold must not count.
    if (gated.holdKey && gated.cycle) await releaseUnspent(gated.holdKey, gated.cycle, deps).catch(() => 0)
    throw error
  }
  const result: RunReport = {
    gate: report,
    ran: true,
    exitCode: child.exitCode,
    capUsd,
    argv: [command, ...args],
    child,
    notes,
    warnings,
    announced
  }
  if (child.signal) notes.push(`${command} was ended by ${child.signal} (exit ${child.exitCode})`)

  if (!gated.holdKey) {
    warnings.push('ledger: no hold was written for this run (see the gate notices), so nothing is recorded')
    return result
  }
  const usage: UsageSource = usageFile
    ? await readUsage(usageFile, deps)
    : { kind: 'file', path: `${command}'s stdout`, text: child.stdout }

  if (!usageFile && !requestWasMade(child.stdout)) {
    try {
      result.releasedUsd = await releaseUnspent(gated.holdKey, gated.cycle as Cycle, deps)
      notes.push(`${command} made no API request: its hold of ${usd(result.releasedUsd)} was released`)
    } catch (error) {
      warnings.push(
        `ledger: ${describeError(error)}; the hold stays counted as spent until it expires; release it with: agent-credit-gate release --key ${gated.holdKey}`
      )
    }
    return result
  }

  const s = await settleRun(
    settings,
    { key: gated.holdKey, holdUsd: holdUsd ?? 0, cycle: gated.cycle },
    deps,
    'post',
    { captured: { usage, partialOk: true } }
  )
  result.settlement = s
  if (s.ledgerError) warnings.push(s.ledgerError)
  return result
}
