/**
 * Alerts to a Slack-compatible webhook: JSON `{ text }`. The URL is a secret: no message here names it
 * (a fetch error's own message can carry it, so only its code is kept). A failure is a notice, never a
 * failed run: the crossing stays recorded, so a retry would not alert twice either.
 */

/** A budget's crossing as posted: the edge owns this shape, the budget core fills it (budget/alerts.ts). */
export interface Alert {
  budget: string
  pct: number
  text: string
}

/** Post each alert; returns one notice per alert, posted or not. */
export async function postAlerts(
  alerts: Alert[],
  url: string | undefined,
  fetcher: typeof fetch = fetch
): Promise<string[]> {
  if (!url)
    return alerts.map(a => `alert: ${a.budget} reached ${a.pct}% (not posted: no alert-webhook is set)`)
  const notices: string[] = []
  for (const a of alerts) {
    try {
      const res = await fetcher(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: a.text }),
        signal: AbortSignal.timeout(10_000)
      })
      notices.push(
        res.ok
          ? `alert: ${a.budget} reached ${a.pct}%; posted to the alert webhook`
          : `warning: alert ${a.budget} at ${a.pct}% was not posted: the alert webhook answered HTTP ${res.status}`
      )
    } catch (error) {
      const code =
        (error as { cause?: { code?: string }; name?: string }).cause?.code ?? (error as Error).name
      notices.push(
        `warning: alert ${a.budget} at ${a.pct}% was not posted: the alert webhook could not be reached (${code})`
      )
    }
  }
  return notices
}
