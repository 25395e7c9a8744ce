import { describe, expect, it } from '@jest/globals'
import { Writable } from 'node:stream'
import { pipeWriter } from '../../src/cli/io.js'

describe('the CLI writing into a closed pipe (`--json | head -c 10`)', () => {
  it('stops writing quietly instead of crashing', async () => {
    const written: string[] = []
    let calls = 0
    const closed = new Writable({
      write(chunk, _enc, done) {
        calls++
        if (calls === 1) written.push(String(chunk))
        const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })
        done(calls === 1 ? null : epipe)
      }
    })
    const out = pipeWriter(closed)
    out('{"schema": 1')
    out('more')
    await new Promise(r => setImmediate(r))
    out('and more')
    await new Promise(r => setImmediate(r))
    expect(written).toEqual(['{"schema": 1\n'])
    expect(calls).toBe(2)
  })
})
