/**
 * Alerts to a Slack-compatible webhook: JSON `{ text }`. The URL is a secret: no message here names it
 * (a fetch error's own message can carry it, so only its code is kept). A failure is a notice, never a
 * failed run: the crossing stays recorded, so a retry would not alert twice either.
 */
/** A budget's crossing as posted: the edge owns this shape, the budget core fills it (budget/alerts.ts). */
export interface Alert {
    budget: string;
    pct: number;
    text: string;
}
/** Post each alert; returns one notice per alert, posted or not. */
export declare function postAlerts(alerts: Alert[], url: string | undefined, fetcher?: typeof fetch): Promise<string[]>;
