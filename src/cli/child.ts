/**
 * Starting `run`'s command: found on PATH before the gate holds anything, started with stdin and
 * stderr inherited and stdout written through byte for byte (teed into memory when Claude's stream is
 * the usage), SIGINT/SIGTERM forwarded while it runs, and its end told the way a shell tells it.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { constants as os } from 'node:os'
import { delimiter, isAbsolute, join, resolve } from 'node:path'
import type { ChildExit, ChildPlan, Found } from '../steps/run.js'

/** What `run` needs from the operating system (tests pass one writing stdout elsewhere). */
export interface Processes {
  which: (command: string) => Found
  start: (plan: ChildPlan) => Promise<ChildExit>
}

function executable(path: string): Found {
  try {
    if (statSync(path).isDirectory()) return { missing: 'folder' }
  } catch {
    return { missing: 'not-found' }
  }
  try {
    accessSync(path, constants.X_OK)
    return { path }
  } catch {
    return { missing: 'not-executable' }
  }
}

/** `command`'s path, as a shell finds it: a path with a slash as given, else the first hit on PATH. */
export function which(command: string, env: NodeJS.ProcessEnv, cwd: string): Found {
  if (command.includes('/')) return executable(isAbsolute(command) ? command : resolve(cwd, command))
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const found = executable(join(isAbsolute(dir) ? dir : resolve(cwd, dir), command))
    if ('path' in found) return found
  }
  // On PATH a folder or a file without execute permission is skipped, as a shell skips it.
  return { missing: 'not-found' }
}

const FORWARDED = ['SIGINT', 'SIGTERM'] as const

/** The real processes; the child's stdout goes to `stdout` untouched. */
export function nodeProcesses(
  env: NodeJS.ProcessEnv,
  cwd: string,
  stdout: (chunk: Buffer) => void
): Processes {
  return {
    which: command => which(command, env, cwd),
    start: plan =>
      new Promise<ChildExit>((done, fail) => {
        const child = spawn(plan.path, plan.args, {
          cwd,
          env: { ...env, ...plan.env },
          stdio: ['inherit', plan.captureStdout ? 'pipe' : 'inherit', 'inherit']
        })
        const captured: Buffer[] = []
        child.stdout?.on('data', (chunk: Buffer) => {
          stdout(chunk)
          captured.push(chunk)
        })
        // The signal is the child's to act on; this process stays to record what it spent.
        const forward = (signal: NodeJS.Signals) => child.kill(signal)
        for (const s of FORWARDED) process.on(s, forward)
        const stop = () => {
          for (const s of FORWARDED) process.off(s, forward)
        }
        child.on('error', error => {
          stop()
          fail(new Error(`command: ${plan.path} could not be started: ${error.message}`))
        })
        child.on('close', (code, signal) => {
          stop()
          done({
            exitCode: code ?? 128 + (signal ? os.signals[signal] : 0),
            ...(signal ? { signal } : {}),
            stdout: Buffer.concat(captured).toString('utf8')
          })
        })
      })
  }
}
