/** The files a step reads and writes, behind one interface the shells build (tests may pass their own). */
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { gather, type Gathered, type GatherRequest } from './gather.js'
import { cannotRead, cannotWrite, readNamedFile } from './read.js'

export interface Files {
  /** The text of a file an input names, or a one-line error naming the input, the path and the fix. */
  read(path: string, input: string, fix?: string): Promise<string>
  /** The text of a file, or undefined when there is no file; one that cannot be read is an error naming `input`. */
  readIfExists(path: string, input?: string): Promise<string | undefined>
  /** Write a file, creating its folder; `input` names the input the path came from in an error. */
  write(path: string, text: string, input?: string): Promise<void>
  /** The prompt and the context files the agent will be given. */
  gather(request: GatherRequest): Promise<Gathered>
}

/** Files on this machine; relative paths resolve against `cwd` (the workspace). */
export function nodeFiles(cwd: string): Files {
  const at = (path: string) => resolve(cwd, path)
  return {
    read: (path, input, fix) => readNamedFile(at(path), input, fix, path),
    readIfExists: async (path, input = 'file') => {
      if (!existsSync(at(path))) return undefined
      return readFile(at(path), 'utf8').catch((error: unknown) => {
        throw cannotRead(input, path, error)
      })
    },
    write: async (path, text, input = 'report-file') => {
      try {
        await mkdir(dirname(at(path)), { recursive: true })
        await writeFile(at(path), text)
      } catch (error) {
        throw cannotWrite(input, path, error)
      }
    },
    gather: request => gather(request, cwd)
  }
}
