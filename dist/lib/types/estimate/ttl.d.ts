/**
 * The cache TTL the agent's writes will go to. `auto` resolves from what is known, best first: the TTL
 * this job's settled runs actually used (the ledger records it), else what auth and the Claude Code
 * version imply, else the TTL measured on the calibration runs. The source is named in every report.
 */
import type { Auth, CacheTtl } from '../config/settings.js';
import type { PastRun } from './types.js';
import { type FittedPresets } from './presets.js';
export interface ResolvedTtl {
    ttl: '5m' | '1h' | 'off';
    source: string;
}
export declare function resolveCacheTtl(args: {
    setting: CacheTtl;
    auth: Auth;
    claudeVersion?: string;
    pastRuns: PastRun[];
    fitted?: FittedPresets;
}): ResolvedTtl;
