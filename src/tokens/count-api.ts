/** Exact counts from Anthropic's free count_tokens endpoint; any failure falls back to offline. */
import type { TokenCount, TokenizerFamily } from './types.js'

export async function countTokensViaApi(args: {
  apiKey: string
  baseUrl: string
  model: string
  text: string
  fetchImpl?: typeof fetch
  timeoutMs?: number
}): Promise<number> {
  const f = args.fetchImpl ?? fetch
  const res = await f(`${args.baseUrl.replace(/\/+$/, '')}/v1/messages/count_tokens`, {
    method: 'POST',
    headers: {
      'x-api-key': args.apiKey,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json'
    },
    body: JSON.stringify({ model: args.model, messages: [{ role: 'user', content: args.text }] }),
    signal: AbortSignal.timeout(args.timeoutMs ?? 15000)
  })
  if (!res.ok) throw new Error(`count_tokens answered HTTP ${res.status}`)
  const body = (await res.json()) as { input_tokens?: unknown }
  if (typeof body.input_tokens !== 'number' || body.input_tokens < 0) {
    throw new Error('count_tokens answered without input_tokens')
  }
  return body.input_tokens
}

/** The API count when it works (interval = the count), else the offline count and a notice. */
export async function countWithFallback(args: {
  apiKey: string
  baseUrl: string
  model: string
  text: string
  family: TokenizerFamily
  offline: (text: string, family: TokenizerFamily) => TokenCount
  fetchImpl?: typeof fetch
}): Promise<{ count: TokenCount; notice?: string }> {
  if (args.text.length === 0) return { count: args.offline('', args.family) }
  try {
    const n = await countTokensViaApi(args)
    return { count: { tokens: n, low: n, high: n, family: args.family, method: 'api' } }
  } catch (error) {
    // The key is never part of the notice: only the reason.
    const reason = error instanceof Error ? error.message : 'unknown error'
    return {
      count: args.offline(args.text, args.family),
      notice: `count_tokens unavailable (${reason}); using the offline count`
    }
  }
}
