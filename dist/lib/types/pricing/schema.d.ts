/** The price table's schema (built-in table and users' `pricing-file`), and the token usage classes. */
import { z } from 'zod';
declare const row: z.ZodObject<{
    input: z.ZodNumber;
    output: z.ZodNumber;
    cacheWrite5m: z.ZodNumber;
    cacheWrite1h: z.ZodNumber;
    cacheRead: z.ZodNumber;
}, z.core.$strip>;
/** Prices a model had before a change: in force on every day before `until`. */
declare const earlierPrices: z.ZodObject<{
    until: z.ZodString;
    prices: z.ZodObject<{
        input: z.ZodNumber;
        output: z.ZodNumber;
        cacheWrite5m: z.ZodNumber;
        cacheWrite1h: z.ZodNumber;
        cacheRead: z.ZodNumber;
    }, z.core.$strip>;
    longPrompt: z.ZodOptional<z.ZodObject<{
        aboveTokens: z.ZodNumber;
        prices: z.ZodObject<{
            input: z.ZodNumber;
            output: z.ZodNumber;
            cacheWrite5m: z.ZodNumber;
            cacheWrite1h: z.ZodNumber;
            cacheRead: z.ZodNumber;
        }, z.core.$strip>;
    }, z.core.$strip>>;
    fast: z.ZodOptional<z.ZodObject<{
        input: z.ZodNumber;
        output: z.ZodNumber;
        cacheWrite5m: z.ZodNumber;
        cacheWrite1h: z.ZodNumber;
        cacheRead: z.ZodNumber;
    }, z.core.$strip>>;
    source: z.ZodString;
}, z.core.$strip>;
declare const model: z.ZodObject<{
    id: z.ZodString;
    displayName: z.ZodDefault<z.ZodString>;
    family: z.ZodDefault<z.ZodString>;
    tokenizer: z.ZodDefault<z.ZodEnum<{
        A: "A";
        B: "B";
    }>>;
    ids: z.ZodDefault<z.ZodArray<z.ZodString>>;
    prices: z.ZodObject<{
        input: z.ZodNumber;
        output: z.ZodNumber;
        cacheWrite5m: z.ZodNumber;
        cacheWrite1h: z.ZodNumber;
        cacheRead: z.ZodNumber;
    }, z.core.$strip>;
    pricesSince: z.ZodOptional<z.ZodString>;
    earlier: z.ZodDefault<z.ZodArray<z.ZodObject<{
        until: z.ZodString;
        prices: z.ZodObject<{
            input: z.ZodNumber;
            output: z.ZodNumber;
            cacheWrite5m: z.ZodNumber;
            cacheWrite1h: z.ZodNumber;
            cacheRead: z.ZodNumber;
        }, z.core.$strip>;
        longPrompt: z.ZodOptional<z.ZodObject<{
            aboveTokens: z.ZodNumber;
            prices: z.ZodObject<{
                input: z.ZodNumber;
                output: z.ZodNumber;
                cacheWrite5m: z.ZodNumber;
                cacheWrite1h: z.ZodNumber;
                cacheRead: z.ZodNumber;
            }, z.core.$strip>;
        }, z.core.$strip>>;
        fast: z.ZodOptional<z.ZodObject<{
            input: z.ZodNumber;
            output: z.ZodNumber;
            cacheWrite5m: z.ZodNumber;
            cacheWrite1h: z.ZodNumber;
            cacheRead: z.ZodNumber;
        }, z.core.$strip>>;
        source: z.ZodString;
    }, z.core.$strip>>>;
    longPrompt: z.ZodOptional<z.ZodObject<{
        aboveTokens: z.ZodNumber;
        prices: z.ZodObject<{
            input: z.ZodNumber;
            output: z.ZodNumber;
            cacheWrite5m: z.ZodNumber;
            cacheWrite1h: z.ZodNumber;
            cacheRead: z.ZodNumber;
        }, z.core.$strip>;
    }, z.core.$strip>>;
    fast: z.ZodOptional<z.ZodObject<{
        input: z.ZodNumber;
        output: z.ZodNumber;
        cacheWrite5m: z.ZodNumber;
        cacheWrite1h: z.ZodNumber;
        cacheRead: z.ZodNumber;
    }, z.core.$strip>>;
    webSearchUsd: z.ZodDefault<z.ZodNumber>;
    contextWindow: z.ZodDefault<z.ZodNumber>;
    maxOutputTokens: z.ZodDefault<z.ZodNumber>;
}, z.core.$strip>;
/** A price table file: the built-in one, or a user's `pricing-file` (which may extend or replace it). */
export declare const priceTableSchema: z.ZodObject<{
    mode: z.ZodDefault<z.ZodEnum<{
        replace: "replace";
        extend: "extend";
    }>>;
    asOf: z.ZodString;
    source: z.ZodString;
    usGeoMultiplier: z.ZodDefault<z.ZodNumber>;
    aliases: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodString>>;
    models: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        displayName: z.ZodDefault<z.ZodString>;
        family: z.ZodDefault<z.ZodString>;
        tokenizer: z.ZodDefault<z.ZodEnum<{
            A: "A";
            B: "B";
        }>>;
        ids: z.ZodDefault<z.ZodArray<z.ZodString>>;
        prices: z.ZodObject<{
            input: z.ZodNumber;
            output: z.ZodNumber;
            cacheWrite5m: z.ZodNumber;
            cacheWrite1h: z.ZodNumber;
            cacheRead: z.ZodNumber;
        }, z.core.$strip>;
        pricesSince: z.ZodOptional<z.ZodString>;
        earlier: z.ZodDefault<z.ZodArray<z.ZodObject<{
            until: z.ZodString;
            prices: z.ZodObject<{
                input: z.ZodNumber;
                output: z.ZodNumber;
                cacheWrite5m: z.ZodNumber;
                cacheWrite1h: z.ZodNumber;
                cacheRead: z.ZodNumber;
            }, z.core.$strip>;
            longPrompt: z.ZodOptional<z.ZodObject<{
                aboveTokens: z.ZodNumber;
                prices: z.ZodObject<{
                    input: z.ZodNumber;
                    output: z.ZodNumber;
                    cacheWrite5m: z.ZodNumber;
                    cacheWrite1h: z.ZodNumber;
                    cacheRead: z.ZodNumber;
                }, z.core.$strip>;
            }, z.core.$strip>>;
            fast: z.ZodOptional<z.ZodObject<{
                input: z.ZodNumber;
                output: z.ZodNumber;
                cacheWrite5m: z.ZodNumber;
                cacheWrite1h: z.ZodNumber;
                cacheRead: z.ZodNumber;
            }, z.core.$strip>>;
            source: z.ZodString;
        }, z.core.$strip>>>;
        longPrompt: z.ZodOptional<z.ZodObject<{
            aboveTokens: z.ZodNumber;
            prices: z.ZodObject<{
                input: z.ZodNumber;
                output: z.ZodNumber;
                cacheWrite5m: z.ZodNumber;
                cacheWrite1h: z.ZodNumber;
                cacheRead: z.ZodNumber;
            }, z.core.$strip>;
        }, z.core.$strip>>;
        fast: z.ZodOptional<z.ZodObject<{
            input: z.ZodNumber;
            output: z.ZodNumber;
            cacheWrite5m: z.ZodNumber;
            cacheWrite1h: z.ZodNumber;
            cacheRead: z.ZodNumber;
        }, z.core.$strip>>;
        webSearchUsd: z.ZodDefault<z.ZodNumber>;
        contextWindow: z.ZodDefault<z.ZodNumber>;
        maxOutputTokens: z.ZodDefault<z.ZodNumber>;
    }, z.core.$strip>>;
}, z.core.$strip>;
/** Token usage by class: one API request, or the sum of a run's requests for one model. */
export declare const tokenUsageSchema: z.ZodObject<{
    inputTokens: z.ZodNumber;
    outputTokens: z.ZodNumber;
    cacheReadTokens: z.ZodNumber;
    cacheWrite5mTokens: z.ZodNumber;
    cacheWrite1hTokens: z.ZodNumber;
    webSearchRequests: z.ZodNumber;
}, z.core.$strip>;
export type PriceTableFile = z.output<typeof priceTableSchema>;
/** The whole price table in force: data, dated, with its source. */
export type PriceTable = Omit<PriceTableFile, 'mode'>;
/** One model of the price table. */
export type ModelEntry = z.output<typeof model>;
/** Prices a model had before a change, and when they stopped applying. */
export type EarlierPrices = z.output<typeof earlierPrices>;
/** USD per million tokens for one price row. */
export type PriceRow = z.output<typeof row>;
export type TokenUsage = z.output<typeof tokenUsageSchema>;
export {};
