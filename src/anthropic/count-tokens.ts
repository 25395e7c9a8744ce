/** Exact counts from Anthropic's free count_tokens endpoint (the caller falls back to offline counts). */

/** The input tokens of `text` as one user message to `model`; throws on any failure. */
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
