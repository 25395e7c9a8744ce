/**
 * Alerts to a Slack-compatible webhook: JSON `{ text }`. The URL is a secret: no message here names it
 * (a fetch error's own message can carry it, so only its code is kept). A failure is a notice, never a
 * failed run: the crossing stays recorded, so a retry would not alert twice either.
 */
import type { Alert } from '../budget/alerts.js';
/** Post each alert; returns one notice per alert, posted or not. */
export declare function postAlerts(alerts: Alert[], url: string | undefined, fetcher?: typeof fetch): Promise<string[]>;
