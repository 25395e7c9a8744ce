/**
 * The subscription's meters as the gate judges them: a window Claude reported `rejected` refuses the
 * run until it resets; a warning or a utilization at or past warn-at warns; an out-of-credits stop
 * marks the dollar credit spent until its reset. Pure, over what earlier runs observed; nothing here
 * invents a utilization Claude did not send.
 */
import { type LimitStop, type MeterReading, type OverageReading } from '../usage/meters.js';
/** When and by which run an observation was made. */
export interface Seen {
    seenAt: string;
    /** The ledger key of the run whose output carried it. */
    seenBy: string;
}
/** One observed point of a window's utilization, with the account's settled dollars at that moment. */
export interface UtilizationSample {
    meter: string;
    at: string;
    utilization: number;
    resetsAt?: string;
    /** The account's settled USD (all runs, every cycle) when this was observed. */
    spentUsd: number;
}
/** What the ledger keeps of one account's meters (across billing cycles). */
export interface AccountMeters {
    /** The newest reading of each meter. */
    readings: Array<MeterReading & Seen>;
    overage?: OverageReading & Seen;
    /** The newest run that a limit stopped, until a later run gets through. */
    stop?: LimitStop & Seen;
    /** Utilization points, oldest first (bounded), for the share of a window a run takes. */
    samples: UtilizationSample[];
    /** USD settled on this account so far. */
    spentUsd: number;
}
/** A meter as reports show it. */
export interface MeterView extends MeterReading, Seen {
    /** "5-hour limit", "weekly limit", or the name Claude sent. */
    label: string;
    /** The reset is past: the window has started over since this was seen. */
    stale: boolean;
    /** A run stopped on this window's limit though Claude's last event for it did not say `rejected`. */
    stopped?: boolean;
}
/** The subscription's windows as a report shows them. */
export interface MetersView {
    /** Whose windows (the `account` input). */
    account: string;
    meters: MeterView[];
    /** Windows near their limit, one sentence each. */
    warnings: string[];
    /** What this run would take of each window, where two observations allow an estimate. */
    shares: LimitJudgement['shares'];
    /** Why no meter could be seen this time, when that is worth saying. */
    note?: string;
}
export interface LimitJudgement {
    /** A window that refuses this run now. */
    refusal?: {
        meter: string;
        label: string;
        resetsAt: string;
        reason: string;
        assumedReset: boolean;
    };
    /** The dollar credit ran out (an out-of-credits stop): count it spent until `until` (the cycle's end when unsaid). */
    creditSpent?: {
        until?: string;
        message: string;
    };
    /** One sentence per window near its limit. */
    warnings: string[];
    /** What this run would take of each window, where two observations allow an estimate. */
    shares: Array<{
        meter: string;
        label: string;
        share: number;
        lastSeen: number;
        sentence: string;
    }>;
    meters: MeterView[];
}
/** A window near its limit: Claude warned of it, or its utilization is at or past warn-at. */
export declare const nearLimit: (r: Pick<MeterReading, "status" | "utilization">, warnAtPct: number) => boolean;
export declare const meterLabel: (meter: string) => string;
/** "15:40 UTC" today, "Dec 2, 15:40 UTC" on another day. */
export declare function resetWords(iso: string, now: Date): string;
export declare function judgeLimits(account: AccountMeters | undefined, now: Date, opts: {
    warnAtPct: number;
    gatedUsd: number;
}): LimitJudgement;
/** The report's view of an account's meters: what the judgement saw, nothing when nothing was ever seen. */
export declare function metersView(account: string, j: LimitJudgement, note?: string): MetersView | undefined;
