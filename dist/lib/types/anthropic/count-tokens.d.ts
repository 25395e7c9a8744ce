/** Exact counts from Anthropic's free count_tokens endpoint (the caller falls back to offline counts). */
/** The input tokens of `text` as one user message to `model`; throws on any failure. */
export declare function countTokensViaApi(args: {
    apiKey: string;
    baseUrl: string;
    model: string;
    text: string;
    fetchImpl?: typeof fetch;
    timeoutMs?: number;
}): Promise<number>;
