/** HTTP errors from octokit as one-line text, and their status. */
export function httpStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error
    ? Number((error as { status: unknown }).status)
    : undefined
}

/** 403/404 for want of a permission or an identity; a rate limit is a 403 too, but waiting fixes that. */
export function isNotPermitted(error: unknown): boolean {
  const status = httpStatus(error)
  const message = error instanceof Error ? error.message : String(error)
  return status === 404 || (status === 403 && !/rate limit/i.test(message))
}

interface RequestErrorShape {
  response?: unknown
  request?: { method?: string; url?: string }
}

const shapeOf = (error: unknown): RequestErrorShape =>
  typeof error === 'object' && error !== null ? (error as RequestErrorShape) : {}

/** The request an octokit error came from (method and URL), when it says. */
export function failedRequest(error: unknown): { method: string; url: string } | undefined {
  const { request } = shapeOf(error)
  return request?.method && request.url ? { method: request.method, url: request.url } : undefined
}

/** Why fetch got no answer, from the innermost cause: "other side closed", "the attempt timed out". */
function networkCause(error: unknown): string | undefined {
  let why: string | undefined
  for (
    let e = (error as { cause?: unknown }).cause;
    e && typeof e === 'object';
    e = (e as { cause?: unknown }).cause
  ) {
    const { name, message } = e as { name?: unknown; message?: unknown }
    if (name === 'TimeoutError') return 'the attempt timed out'
    if (typeof message === 'string' && message) why = message
  }
  return why
}

/**
 * "503 Service Unavailable (PATCH /repos/o/r/git/refs/…)": status, the first line of GitHub's message
 * without its documentation link, and the request. Octokit reports a reset connection or a timed-out
 * attempt as a 500 without a response; those say "no answer from GitHub" instead of a status it never sent.
 */
export function describeError(error: unknown): string {
  const status = httpStatus(error)
  const raw = error instanceof Error ? error.message.split('\n')[0] : String(error)
  const message = raw.replace(/ - https?:\/\/\S+$/, '')
  const { response, request } = shapeOf(error)
  const failed = failedRequest(error)
  const where = failed ? ` (${failed.method} ${new URL(failed.url, 'http://github.invalid').pathname})` : ''
  if (request && response === undefined)
    return `no answer from GitHub: ${networkCause(error) ?? message}${where}`
  return `${status && !message.startsWith(String(status)) ? `${status} ` : ''}${message}${where}`
}
