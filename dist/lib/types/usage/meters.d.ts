/** The windows Claude Code names (SDKRateLimitInfo.rateLimitType) and how reports call them. */
export declare const METER_NAMES: Record<string, string>;
export type MeterStatus = 'allowed' | 'allowed_warning' | 'rejected';
/** The newest state of one meter in one run's output. */
export interface MeterReading {
    /** The window: five_hour, seven_day, … (METER_NAMES), or a name Claude sent that we do not know. */
    meter: string;
    status: MeterStatus;
    /** Share 0–1 of the window used; Claude sends it only near or past a limit (never invented). */
    utilization?: number;
    /** When the window resets (ISO 8601). */
    resetsAt?: string;
}
/** Overflow billing ("usage credits") as the last event said. */
export interface OverageReading {
    status?: MeterStatus;
    /** Why overage is off, e.g. out_of_credits, org_level_disabled. */
    disabledReason?: string;
    resetsAt?: string;
    inUse?: boolean;
}
/** How a run that a limit stopped ended. */
export interface LimitStop {
    /** The window that stopped it, when Claude named one. */
    meter?: string;
    resetsAt?: string;
    /** out-of-credits: the dollar credit (or usage credits) ran out; window: a usage window. */
    kind: 'window' | 'out-of-credits';
    /** Claude's own words, e.g. "You've hit your 5-hour limit · resets 7am (UTC)". */
    message: string;
}
export interface MeterReport {
    /** Newest reading per meter, in the order first seen. */
    readings: MeterReading[];
    overage?: OverageReading;
    /** Set when the run ended on a limit. */
    stop?: LimitStop;
    /** How many rate_limit_event messages were read. */
    events: number;
    /** One line per thing skipped or repaired (malformed event, milliseconds, utilization over 1). */
    notes: string[];
}
/** Every meter reading, the overage state and the limit stop (if any) in a run's messages. */
export declare function readMeters(messages: unknown[]): MeterReport;
