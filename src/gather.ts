/** Reads what the agent will be given: the prompt and the context files (the only file I/O of the estimate). */
import * as glob from '@actions/glob'
import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, join, relative } from 'node:path'
import type { EstimateSettings } from './config/settings.js'
import { InputError } from './config/parse.js'

/** Above this a file is not something an agent loads into its context; refuse rather than read 100 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024
/** Above this many matches a glob is almost surely too broad (node_modules, a whole monorepo). */
export const MAX_CONTEXT_FILES = 2000

export interface GatheredText {
  /** Where it came from: `prompt`, a prompt file path or a context file path (relative to cwd). */
  source: string
  text: string
}

export interface Gathered {
  prompt: GatheredText
  context: GatheredText[]
  /** One-line notices for the report (e.g. skipped binary files). */
  notices: string[]
}

/** The one-line error for an input that names a file that is not there. */
function noSuchFile(input: string, path: string, fix = 'check the path'): InputError {
  return new InputError([`${input}: cannot read ${JSON.stringify(path)} (no such file); ${fix}`])
}

/** The text of a file named by an input, or a one-line error naming the input, the path and the fix. */
export async function readNamedFile(path: string, input: string, fix?: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch {
    throw noSuchFile(input, path, fix)
  }
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000)
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true
  return false
}

async function readTextFile(path: string, input: string): Promise<string> {
  let size: number
  try {
    const s = await stat(path)
    if (!s.isFile())
      throw new InputError([`${input}: ${JSON.stringify(path)} is not a file; give a file path`])
    size = s.size
  } catch (error) {
    if (error instanceof InputError) throw error
    throw noSuchFile(input, path)
  }
  if (size > MAX_FILE_BYTES) {
    throw new InputError([
      `${input}: ${JSON.stringify(path)} is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit; point at the text the agent really loads`
    ])
  }
  const buf = await readFile(path)
  if (looksBinary(buf)) {
    throw new InputError([`${input}: ${JSON.stringify(path)} is a binary file; give a text file`])
  }
  return buf.toString('utf8')
}

/**
 * A context pattern anchored at `cwd`: @actions/glob resolves relative patterns against the process's
 * working directory, which is not the workspace when the CLI is called with another cwd.
 */
function anchor(pattern: string, cwd: string): string {
  const negated = pattern.startsWith('!')
  const body = negated ? pattern.slice(1) : pattern
  if (body === '' || body.startsWith('#') || isAbsolute(body) || body.startsWith('~')) return pattern
  return `${negated ? '!' : ''}${join(cwd, body)}`
}

/** Read the prompt (inline or file) and every file the context globs match. */
export async function gather(settings: EstimateSettings, cwd = process.cwd()): Promise<Gathered> {
  const notices: string[] = []
  let prompt: GatheredText
  if (settings.promptFile) {
    const text = await readTextFile(settings.promptFile, 'prompt-file')
    if (text.trim() === '') {
      throw new InputError([
        `prompt-file: ${JSON.stringify(settings.promptFile)} is empty; write the prompt in it`
      ])
    }
    prompt = { source: settings.promptFile, text }
  } else if (settings.prompt !== undefined) {
    prompt = { source: 'prompt', text: settings.prompt }
  } else {
    throw new InputError(['prompt: no prompt given; set prompt or prompt-file'])
  }
  const context: GatheredText[] = []
  if (settings.contextFiles.length > 0) {
    const globber = await glob.create(settings.contextFiles.map(p => anchor(p, cwd)).join('\n'), {
      matchDirectories: false,
      followSymbolicLinks: false
    })
    const files = (await globber.glob()).sort()
    if (files.length === 0) {
      throw new InputError([
        `context-files: ${JSON.stringify(settings.contextFiles.join(', '))} matched no files; check the patterns (they are relative to the workspace)`
      ])
    }
    if (files.length > MAX_CONTEXT_FILES) {
      throw new InputError([
        `context-files: ${JSON.stringify(settings.contextFiles.join(', '))} matched ${files.length} files, over ${MAX_CONTEXT_FILES}; narrow the patterns (exclude with !pattern)`
      ])
    }
    for (const file of files) {
      const rel = relative(cwd, file) || file
      const buf = await readFile(file)
      if (looksBinary(buf)) {
        notices.push(`context-files: skipped binary file ${rel}`)
        continue
      }
      if (buf.length > MAX_FILE_BYTES) {
        notices.push(`context-files: skipped ${rel} (${(buf.length / 1048576).toFixed(1)} MB)`)
        continue
      }
      context.push({ source: rel, text: buf.toString('utf8') })
    }
  }
  return { prompt, context, notices }
}
