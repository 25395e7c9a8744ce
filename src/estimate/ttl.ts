import type { Auth, CacheTtl } from '../config/settings.js'

/** `auto` follows Claude Code: 1-hour writes on a subscription, 5-minute writes with an API key. */
export function resolveCacheTtl(setting: CacheTtl, auth: Auth): '5m' | '1h' | 'off' {
  if (setting !== 'auto') return setting
  return auth === 'subscription' ? '1h' : '5m'
}
