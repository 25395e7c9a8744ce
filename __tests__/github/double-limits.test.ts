/**
 * The GitHub double enforces GitHub's documented secondary limit on content-creating requests (80 a
 * minute, 500 an hour, per token), the way GitHub answers it: 403 "You have exceeded a secondary rate
 * limit" with `retry-after`, nothing created. Reads and other tokens are not held back.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GitHubDouble } from '../support/github-server.js'
import { createGitHubClient } from '../../src/github/client.js'

let server: GitHubDouble
beforeEach(async () => {
  server = await new GitHubDouble().start()
})
afterEach(async () => server.stop())

const client = (token: string) =>
  createGitHubClient({ token, baseUrl: server.url, throttle: false, retries: 0 }).rest.git
const tree = (token: string, n: number) =>
  client(token).createTree({
    owner: 'acme',
    repo: 'api',
    tree: [{ path: `f${n}`, mode: '100644', type: 'blob', content: String(n) }]
  })

describe('the secondary limit on content-creating requests', () => {
  it('answers the 81st write of a minute with 403 and retry-after, and creates nothing', async () => {
    for (let i = 0; i < 80; i++) await tree('t', i)
    const refused = await tree('t', 80).catch(
      (e: { status: number; message: string; response: { headers: Record<string, string> } }) => e
    )
    expect(refused).toMatchObject({ status: 403, message: expect.stringMatching(/secondary rate limit/) })
    const after = Number(
      (refused as { response: { headers: Record<string, string> } }).response.headers['retry-after']
    )
    expect(after).toBeGreaterThanOrEqual(1)
    expect(after).toBeLessThanOrEqual(60)
    expect(server.requests.filter(r => r.creates)).toHaveLength(80)
    expect(server.requests.filter(r => r.limited)).toHaveLength(1)
  })
  it('counts per token and never holds back a read', async () => {
    server.contentLimit = { perMinute: 2, perHour: 500 }
    await tree('a', 1)
    await tree('a', 2)
    await expect(tree('a', 3)).rejects.toMatchObject({ status: 403 })
    await expect(tree('b', 3)).resolves.toMatchObject({ status: 201 })
    const read = createGitHubClient({ token: 'a', baseUrl: server.url, throttle: false, retries: 0 }).graphql
    await expect(read('query { repository(owner: "acme", name: "api") { isEmpty } }')).resolves.toEqual({
      repository: { isEmpty: false }
    })
  })
  it('holds to the hourly ceiling too', async () => {
    server.contentLimit = { perMinute: 80, perHour: 3 }
    for (let i = 0; i < 3; i++) await tree('t', i)
    const refused = await tree('t', 3).catch(
      (e: { status: number; response: { headers: Record<string, string> } }) => e
    )
    expect(refused).toMatchObject({ status: 403 })
    expect(
      Number((refused as { response: { headers: Record<string, string> } }).response.headers['retry-after'])
    ).toBeGreaterThan(3500)
  })
})
