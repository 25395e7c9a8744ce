/** The ledger document of one billing cycle, validated by this schema on every read. */
import { z } from 'zod';
/** How a settled run behaved (src/usage/behaviour.ts): what the next estimate of its job learns from. */
export declare const behaviourSchema: z.ZodObject<{
    requests: z.ZodOptional<z.ZodNumber>;
    growthTokens: z.ZodOptional<z.ZodNumber>;
    outputTokens: z.ZodOptional<z.ZodNumber>;
    cacheTtl: z.ZodOptional<z.ZodEnum<{
        "5m": "5m";
        "1h": "1h";
    }>>;
    cacheMisses: z.ZodOptional<z.ZodNumber>;
    readBack: z.ZodOptional<z.ZodNumber>;
    sideShare: z.ZodOptional<z.ZodNumber>;
    firstRequestTokens: z.ZodOptional<z.ZodNumber>;
    uncachedInputTokens: z.ZodOptional<z.ZodNumber>;
    subagents: z.ZodOptional<z.ZodNumber>;
    fanOutUsd: z.ZodOptional<z.ZodNumber>;
}, z.core.$strip>;
/** One run's money in the ledger. */
export declare const entrySchema: z.ZodObject<{
    key: z.ZodString;
    jobId: z.ZodString;
    status: z.ZodEnum<{
        held: "held";
        settled: "settled";
        released: "released";
    }>;
    createdAt: z.ZodString;
    updatedAt: z.ZodString;
    expiresAt: z.ZodString;
    holdUsd: z.ZodNumber;
    estimate: z.ZodObject<{
        p50Usd: z.ZodNumber;
        p90Usd: z.ZodNumber;
        maxUsd: z.ZodNumber;
        gateOn: z.ZodEnum<{
            p90: "p90";
            max: "max";
            p50: "p50";
        }>;
    }, z.core.$strip>;
    actualUsd: z.ZodOptional<z.ZodNumber>;
    claudeReportedUsd: z.ZodOptional<z.ZodNumber>;
    unverified: z.ZodOptional<z.ZodBoolean>;
    withoutHold: z.ZodOptional<z.ZodBoolean>;
    model: z.ZodOptional<z.ZodString>;
    sideModels: z.ZodOptional<z.ZodArray<z.ZodObject<{
        model: z.ZodString;
        usd: z.ZodNumber;
    }, z.core.$strip>>>;
    turns: z.ZodOptional<z.ZodNumber>;
    subtype: z.ZodOptional<z.ZodString>;
    usage: z.ZodOptional<z.ZodObject<{
        inputTokens: z.ZodNumber;
        outputTokens: z.ZodNumber;
        cacheReadTokens: z.ZodNumber;
        cacheWrite5mTokens: z.ZodNumber;
        cacheWrite1hTokens: z.ZodNumber;
        webSearchRequests: z.ZodNumber;
    }, z.core.$strip>>;
    behaviour: z.ZodOptional<z.ZodObject<{
        requests: z.ZodOptional<z.ZodNumber>;
        growthTokens: z.ZodOptional<z.ZodNumber>;
        outputTokens: z.ZodOptional<z.ZodNumber>;
        cacheTtl: z.ZodOptional<z.ZodEnum<{
            "5m": "5m";
            "1h": "1h";
        }>>;
        cacheMisses: z.ZodOptional<z.ZodNumber>;
        readBack: z.ZodOptional<z.ZodNumber>;
        sideShare: z.ZodOptional<z.ZodNumber>;
        firstRequestTokens: z.ZodOptional<z.ZodNumber>;
        uncachedInputTokens: z.ZodOptional<z.ZodNumber>;
        subagents: z.ZodOptional<z.ZodNumber>;
        fanOutUsd: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strip>>;
    priceTableAsOf: z.ZodString;
    settledAt: z.ZodOptional<z.ZodString>;
    stoppedBy: z.ZodOptional<z.ZodString>;
    repository: z.ZodOptional<z.ZodString>;
    actor: z.ZodOptional<z.ZodString>;
    association: z.ZodOptional<z.ZodString>;
    pr: z.ZodOptional<z.ZodNumber>;
    money: z.ZodOptional<z.ZodEnum<{
        real: "real";
        notional: "notional";
    }>>;
    corrections: z.ZodOptional<z.ZodArray<z.ZodObject<{
        at: z.ZodString;
        previousUsd: z.ZodNumber;
        previousUnverified: z.ZodOptional<z.ZodBoolean>;
        why: z.ZodEnum<{
            replace: "replace";
            unverified: "unverified";
        }>;
    }, z.core.$strip>>>;
}, z.core.$strip>;
/** A run the gate refused or skipped, with the p50 it would likely have spent: what the gate prevented. */
export declare const preventedSchema: z.ZodObject<{
    key: z.ZodString;
    jobId: z.ZodString;
    at: z.ZodString;
    p50Usd: z.ZodNumber;
    by: z.ZodString;
    actor: z.ZodOptional<z.ZodString>;
    pr: z.ZodOptional<z.ZodNumber>;
    money: z.ZodOptional<z.ZodEnum<{
        real: "real";
        notional: "notional";
    }>>;
}, z.core.$strip>;
/** One threshold crossing posted (or tried) once per cycle: parallel gates see it and do not post again. */
export declare const alertSchema: z.ZodObject<{
    budget: z.ZodString;
    pct: z.ZodNumber;
    at: z.ZodString;
    by: z.ZodString;
}, z.core.$strip>;
export declare const documentSchema: z.ZodObject<{
    schema: z.ZodLiteral<"agent-credit-gate/ledger@1">;
    cycle: z.ZodObject<{
        id: z.ZodString;
        start: z.ZodString;
        resetsAt: z.ZodString;
    }, z.core.$strip>;
    account: z.ZodOptional<z.ZodObject<{
        plan: z.ZodEnum<{
            enterprise: "enterprise";
            pro: "pro";
            max: "max";
            "max-5x": "max-5x";
            team: "team";
            "team-standard": "team-standard";
            "team-premium": "team-premium";
        }>;
        seats: z.ZodOptional<z.ZodNumber>;
        monthlyCredits: z.ZodOptional<z.ZodNumber>;
        overageUsd: z.ZodNumber;
        externalSpendUsd: z.ZodNumber;
        billingCycleDay: z.ZodNumber;
        setAt: z.ZodString;
        setBy: z.ZodString;
    }, z.core.$strip>>;
    revision: z.ZodNumber;
    entries: z.ZodArray<z.ZodObject<{
        key: z.ZodString;
        jobId: z.ZodString;
        status: z.ZodEnum<{
            held: "held";
            settled: "settled";
            released: "released";
        }>;
        createdAt: z.ZodString;
        updatedAt: z.ZodString;
        expiresAt: z.ZodString;
        holdUsd: z.ZodNumber;
        estimate: z.ZodObject<{
            p50Usd: z.ZodNumber;
            p90Usd: z.ZodNumber;
            maxUsd: z.ZodNumber;
            gateOn: z.ZodEnum<{
                p90: "p90";
                max: "max";
                p50: "p50";
            }>;
        }, z.core.$strip>;
        actualUsd: z.ZodOptional<z.ZodNumber>;
        claudeReportedUsd: z.ZodOptional<z.ZodNumber>;
        unverified: z.ZodOptional<z.ZodBoolean>;
        withoutHold: z.ZodOptional<z.ZodBoolean>;
        model: z.ZodOptional<z.ZodString>;
        sideModels: z.ZodOptional<z.ZodArray<z.ZodObject<{
            model: z.ZodString;
            usd: z.ZodNumber;
        }, z.core.$strip>>>;
        turns: z.ZodOptional<z.ZodNumber>;
        subtype: z.ZodOptional<z.ZodString>;
        usage: z.ZodOptional<z.ZodObject<{
            inputTokens: z.ZodNumber;
            outputTokens: z.ZodNumber;
            cacheReadTokens: z.ZodNumber;
            cacheWrite5mTokens: z.ZodNumber;
            cacheWrite1hTokens: z.ZodNumber;
            webSearchRequests: z.ZodNumber;
        }, z.core.$strip>>;
        behaviour: z.ZodOptional<z.ZodObject<{
            requests: z.ZodOptional<z.ZodNumber>;
            growthTokens: z.ZodOptional<z.ZodNumber>;
            outputTokens: z.ZodOptional<z.ZodNumber>;
            cacheTtl: z.ZodOptional<z.ZodEnum<{
                "5m": "5m";
                "1h": "1h";
            }>>;
            cacheMisses: z.ZodOptional<z.ZodNumber>;
            readBack: z.ZodOptional<z.ZodNumber>;
            sideShare: z.ZodOptional<z.ZodNumber>;
            firstRequestTokens: z.ZodOptional<z.ZodNumber>;
            uncachedInputTokens: z.ZodOptional<z.ZodNumber>;
            subagents: z.ZodOptional<z.ZodNumber>;
            fanOutUsd: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strip>>;
        priceTableAsOf: z.ZodString;
        settledAt: z.ZodOptional<z.ZodString>;
        stoppedBy: z.ZodOptional<z.ZodString>;
        repository: z.ZodOptional<z.ZodString>;
        actor: z.ZodOptional<z.ZodString>;
        association: z.ZodOptional<z.ZodString>;
        pr: z.ZodOptional<z.ZodNumber>;
        money: z.ZodOptional<z.ZodEnum<{
            real: "real";
            notional: "notional";
        }>>;
        corrections: z.ZodOptional<z.ZodArray<z.ZodObject<{
            at: z.ZodString;
            previousUsd: z.ZodNumber;
            previousUnverified: z.ZodOptional<z.ZodBoolean>;
            why: z.ZodEnum<{
                replace: "replace";
                unverified: "unverified";
            }>;
        }, z.core.$strip>>>;
    }, z.core.$strip>>;
    prevented: z.ZodOptional<z.ZodArray<z.ZodObject<{
        key: z.ZodString;
        jobId: z.ZodString;
        at: z.ZodString;
        p50Usd: z.ZodNumber;
        by: z.ZodString;
        actor: z.ZodOptional<z.ZodString>;
        pr: z.ZodOptional<z.ZodNumber>;
        money: z.ZodOptional<z.ZodEnum<{
            real: "real";
            notional: "notional";
        }>>;
    }, z.core.$strip>>>;
    alerts: z.ZodOptional<z.ZodArray<z.ZodObject<{
        budget: z.ZodString;
        pct: z.ZodNumber;
        at: z.ZodString;
        by: z.ZodString;
    }, z.core.$strip>>>;
    meters: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodObject<{
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
    }, z.core.$strip>>>;
    history: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodArray<z.ZodObject<{
        key: z.ZodString;
        jobId: z.ZodString;
        status: z.ZodEnum<{
            held: "held";
            settled: "settled";
            released: "released";
        }>;
        createdAt: z.ZodString;
        updatedAt: z.ZodString;
        expiresAt: z.ZodString;
        holdUsd: z.ZodNumber;
        estimate: z.ZodObject<{
            p50Usd: z.ZodNumber;
            p90Usd: z.ZodNumber;
            maxUsd: z.ZodNumber;
            gateOn: z.ZodEnum<{
                p90: "p90";
                max: "max";
                p50: "p50";
            }>;
        }, z.core.$strip>;
        actualUsd: z.ZodOptional<z.ZodNumber>;
        claudeReportedUsd: z.ZodOptional<z.ZodNumber>;
        unverified: z.ZodOptional<z.ZodBoolean>;
        withoutHold: z.ZodOptional<z.ZodBoolean>;
        model: z.ZodOptional<z.ZodString>;
        sideModels: z.ZodOptional<z.ZodArray<z.ZodObject<{
            model: z.ZodString;
            usd: z.ZodNumber;
        }, z.core.$strip>>>;
        turns: z.ZodOptional<z.ZodNumber>;
        subtype: z.ZodOptional<z.ZodString>;
        usage: z.ZodOptional<z.ZodObject<{
            inputTokens: z.ZodNumber;
            outputTokens: z.ZodNumber;
            cacheReadTokens: z.ZodNumber;
            cacheWrite5mTokens: z.ZodNumber;
            cacheWrite1hTokens: z.ZodNumber;
            webSearchRequests: z.ZodNumber;
        }, z.core.$strip>>;
        behaviour: z.ZodOptional<z.ZodObject<{
            requests: z.ZodOptional<z.ZodNumber>;
            growthTokens: z.ZodOptional<z.ZodNumber>;
            outputTokens: z.ZodOptional<z.ZodNumber>;
            cacheTtl: z.ZodOptional<z.ZodEnum<{
                "5m": "5m";
                "1h": "1h";
            }>>;
            cacheMisses: z.ZodOptional<z.ZodNumber>;
            readBack: z.ZodOptional<z.ZodNumber>;
            sideShare: z.ZodOptional<z.ZodNumber>;
            firstRequestTokens: z.ZodOptional<z.ZodNumber>;
            uncachedInputTokens: z.ZodOptional<z.ZodNumber>;
            subagents: z.ZodOptional<z.ZodNumber>;
            fanOutUsd: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strip>>;
        priceTableAsOf: z.ZodString;
        settledAt: z.ZodOptional<z.ZodString>;
        stoppedBy: z.ZodOptional<z.ZodString>;
        repository: z.ZodOptional<z.ZodString>;
        actor: z.ZodOptional<z.ZodString>;
        association: z.ZodOptional<z.ZodString>;
        pr: z.ZodOptional<z.ZodNumber>;
        money: z.ZodOptional<z.ZodEnum<{
            real: "real";
            notional: "notional";
        }>>;
        corrections: z.ZodOptional<z.ZodArray<z.ZodObject<{
            at: z.ZodString;
            previousUsd: z.ZodNumber;
            previousUnverified: z.ZodOptional<z.ZodBoolean>;
            why: z.ZodEnum<{
                replace: "replace";
                unverified: "unverified";
            }>;
        }, z.core.$strip>>>;
    }, z.core.$strip>>>>;
    compacted: z.ZodObject<{
        runs: z.ZodNumber;
        settledUsd: z.ZodNumber;
        byDay: z.ZodRecord<z.ZodString, z.ZodNumber>;
        byJob: z.ZodRecord<z.ZodString, z.ZodObject<{
            runs: z.ZodNumber;
            usd: z.ZodNumber;
            recent: z.ZodArray<z.ZodObject<{
                actualUsd: z.ZodNumber;
                estimateP50Usd: z.ZodOptional<z.ZodNumber>;
                turns: z.ZodOptional<z.ZodNumber>;
                settledAt: z.ZodString;
                behaviour: z.ZodOptional<z.ZodObject<{
                    requests: z.ZodOptional<z.ZodNumber>;
                    growthTokens: z.ZodOptional<z.ZodNumber>;
                    outputTokens: z.ZodOptional<z.ZodNumber>;
                    cacheTtl: z.ZodOptional<z.ZodEnum<{
                        "5m": "5m";
                        "1h": "1h";
                    }>>;
                    cacheMisses: z.ZodOptional<z.ZodNumber>;
                    readBack: z.ZodOptional<z.ZodNumber>;
                    sideShare: z.ZodOptional<z.ZodNumber>;
                    firstRequestTokens: z.ZodOptional<z.ZodNumber>;
                    uncachedInputTokens: z.ZodOptional<z.ZodNumber>;
                    subagents: z.ZodOptional<z.ZodNumber>;
                    fanOutUsd: z.ZodOptional<z.ZodNumber>;
                }, z.core.$strip>>;
            }, z.core.$strip>>;
        }, z.core.$strip>>;
        keys: z.ZodArray<z.ZodString>;
        byScope: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodObject<{
            usd: z.ZodNumber;
            realUsd: z.ZodNumber;
        }, z.core.$strip>>>;
        prevented: z.ZodOptional<z.ZodObject<{
            runs: z.ZodNumber;
            p50Usd: z.ZodNumber;
        }, z.core.$strip>>;
    }, z.core.$strip>;
}, z.core.$strip>;
export type LedgerDocument = z.output<typeof documentSchema>;
export type LedgerEntry = z.output<typeof entrySchema>;
export type PreventedRun = z.output<typeof preventedSchema>;
export type AlertRecord = z.output<typeof alertSchema>;
/** Validate a document read from a store; a bad one stops the gate and is never overwritten. */
export declare function parseDocument(raw: unknown, where: string): LedgerDocument;
