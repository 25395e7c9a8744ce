/** HTTP errors from octokit as one-line text, and their status. */
export function httpStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error
    ? Number((error as { status: unknown }).status)
    : undefined
}

/** "403 Resource not accessible by integration": status first, first line of the message only. */
export function describeError(error: unknown): string {
  const status = httpStatus(error)
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
  return status && !message.startsWith(String(status)) ? `${status} ${message}` : message
}
