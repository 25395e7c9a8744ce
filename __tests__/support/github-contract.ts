/**
 * Loaded by jest before every test file (setupFilesAfterEnv): after each test, every running GitHub
 * double must have seen only requests the real API accepts and sent only responses it could send.
 * A violation fails the test that caused it, naming the operation and the schema path.
 */
import { afterEach } from '@jest/globals'
import { GitHubDouble } from './github-server.js'

afterEach(() => {
  const violations = [...GitHubDouble.running].flatMap(d => d.takeViolations())
  if (violations.length)
    throw new Error(`the GitHub double saw what the real API would not:\n  ${violations.join('\n  ')}`)
})
