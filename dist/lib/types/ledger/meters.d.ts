/**
 * The meters of each account, kept in the cycle's ledger document (so the gate reads them with the
 * money it already reads: no extra request) and carried into the next cycle's document. Pure.
 */
import { z } from 'zod';
import type { AccountMeters } from '../budget/limits.js';
import type { MeterReport } from '../usage/meters.js';
import type { LedgerDocument } from './document.js';
/** Points kept per account for the share-of-window estimate. */
export declare const SAMPLES_KEPT = 40;
export declare const accountMetersSchema: z.ZodObject<{
    readings: z.ZodArray<z.ZodObject<{
        seenAt: z.ZodString;
        seenBy: z.ZodString;
        meter: z.ZodString;
        status: z.ZodEnum<{
            allowed: "allowed";
            allowed_warning: "allowed_warning";
            rejected: "rejected";
        }>;
        utilization: z.ZodOptional<z.ZodNumber>;
        resetsAt: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
    overage: z.ZodOptional<z.ZodObject<{
        seenAt: z.ZodString;
        seenBy: z.ZodString;
        status: z.ZodOptional<z.ZodEnum<{
            allowed: "allowed";
            allowed_warning: "allowed_warning";
            rejected: "rejected";
        }>>;
        disabledReason: z.ZodOptional<z.ZodString>;
        resetsAt: z.ZodOptional<z.ZodString>;
        inUse: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strip>>;
    stop: z.ZodOptional<z.ZodObject<{
        seenAt: z.ZodString;
        seenBy: z.ZodString;
        kind: z.ZodEnum<{
            window: "window";
            "out-of-credits": "out-of-credits";
        }>;
        meter: z.ZodOptional<z.ZodString>;
        resetsAt: z.ZodOptional<z.ZodString>;
        message: z.ZodString;
    }, z.core.$strip>>;
    samples: z.ZodArray<z.ZodObject<{
        meter: z.ZodString;
        at: z.ZodString;
        utilization: z.ZodNumber;
        resetsAt: z.ZodOptional<z.ZodString>;
        spentUsd: z.ZodNumber;
    }, z.core.$strip>>;
    spentUsd: z.ZodNumber;
}, z.core.$strip>;
/** Accounts by name (the `account` input; the ledger's scope by default). */
export declare const metersSchema: z.ZodRecord<z.ZodString, z.ZodObject<{
    readings: z.ZodArray<z.ZodObject<{
        seenAt: z.ZodString;
        seenBy: z.ZodString;
        meter: z.ZodString;
        status: z.ZodEnum<{
            allowed: "allowed";
            allowed_warning: "allowed_warning";
            rejected: "rejected";
        }>;
        utilization: z.ZodOptional<z.ZodNumber>;
        resetsAt: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
    overage: z.ZodOptional<z.ZodObject<{
        seenAt: z.ZodString;
        seenBy: z.ZodString;
        status: z.ZodOptional<z.ZodEnum<{
            allowed: "allowed";
            allowed_warning: "allowed_warning";
            rejected: "rejected";
        }>>;
        disabledReason: z.ZodOptional<z.ZodString>;
        resetsAt: z.ZodOptional<z.ZodString>;
        inUse: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strip>>;
    stop: z.ZodOptional<z.ZodObject<{
        seenAt: z.ZodString;
        seenBy: z.ZodString;
        kind: z.ZodEnum<{
            window: "window";
            "out-of-credits": "out-of-credits";
        }>;
        meter: z.ZodOptional<z.ZodString>;
        resetsAt: z.ZodOptional<z.ZodString>;
        message: z.ZodString;
    }, z.core.$strip>>;
    samples: z.ZodArray<z.ZodObject<{
        meter: z.ZodString;
        at: z.ZodString;
        utilization: z.ZodNumber;
        resetsAt: z.ZodOptional<z.ZodString>;
        spentUsd: z.ZodNumber;
    }, z.core.$strip>>;
    spentUsd: z.ZodNumber;
}, z.core.$strip>>;
/** The meters of `account` in a document. */
export declare function metersOf(doc: LedgerDocument | null, account: string): AccountMeters | undefined;
/**
 * Record what one settled run's output said about the account's meters, and the dollars it spent.
 * An account that has never shown a meter (API-key runs) gets nothing written.
 */
export declare function observeMeters(doc: LedgerDocument, account: string, report: MeterReport, run: {
    key: string;
    usd: number;
    now: Date;
}): LedgerDocument;
/** A new cycle's document starts with the meters the previous cycle ended with. */
export declare function carryMeters(doc: LedgerDocument, previous: LedgerDocument | null): LedgerDocument;
