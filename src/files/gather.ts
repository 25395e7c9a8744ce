/** Reads what the agent will be given: the prompt and the files the context globs match. */
import { escapePath, glob, isDynamicPattern } from 'tinyglobby'
import { readFile } from 'node:fs/promises'
import { statSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { InputError } from '../errors.js'
import { looksBinary, MAX_FILE_BYTES, readTextFile } from './read.js'

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

/** What the agent is given, as the inputs name it. */
export interface GatherRequest {
  /** Prompt text (`prompt`). */
  prompt?: string
  /** Path of a file holding the prompt (`prompt-file`), relative to `cwd`. */
  promptFile?: string
  /** Glob patterns of files loaded up front (`context-files`), relative to `cwd`. */
  contextFiles: string[]
}

/** Read the prompt (inline or file) and every file the context globs match. */
export async function gather(settings: GatherRequest, cwd: string): Promise<Gathered> {
  const notices: string[] = []
  let prompt: GatheredText
  if (settings.promptFile) {
    const text = await readTextFile(resolve(cwd, settings.promptFile), 'prompt-file', settings.promptFile)
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
    // One pattern a line as in @actions/glob: `!` excludes, `#` starts a comment; hidden files match too.
    // A path that names a file is that file, even with glob characters in its name (`app/[id]/page.tsx`,
    // as a shell hands over the files it expanded): escape it so it is not read as a pattern.
    const patterns = settings.contextFiles
      .filter(p => p !== '' && !p.startsWith('#'))
      .map(p => (!p.startsWith('!') && isDynamicPattern(p) && isFile(resolve(cwd, p)) ? escapePath(p) : p))
    const files = patterns.some(p => !p.startsWith('!'))
      ? (
          await glob(patterns, {
            cwd,
            absolute: true,
            dot: true,
            onlyFiles: true,
            followSymbolicLinks: false
          })
        ).sort()
      : []
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

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
