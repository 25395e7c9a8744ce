/** Loaded by jest before every test file (setupFilesAfterEnv): the folders it made go when it is done. */
import { afterAll } from '@jest/globals'
import { removeTempDirs } from './temp-dirs.js'

afterAll(() => removeTempDirs())
