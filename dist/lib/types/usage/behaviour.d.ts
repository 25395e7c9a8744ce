/**
 * What a Claude result file tells about how the main agent loop behaved: how many API requests it
 * made, how fast its context grew, how much it wrote, which cache TTL its writes went to and how often
 * the cache had expired. History learns these per job (docs/estimation.md).
 *
 * The per-request series comes from the `assistant` messages of stream-json, `--verbose` JSON and
 * claude-code-action's execution file. Each message is repeated once per content block under the
 * same `message.id`, with the usage from the start of the message: its input side (input + cache
 * read + cache write) is final there, its output is not, so output comes from the result's `usage`.
 */
import type { RunBehaviour } from './types.js';
interface Usage {
    input_tokens?: number;
    cache_read_input_tokens?: number;
    cache_creation_input_tokens?: number;
    output_tokens?: number;
    cache_creation?: {
        ephemeral_5m_input_tokens?: number;
        ephemeral_1h_input_tokens?: number;
    } | null;
}
/**
 * The behaviour of a run's main loop. `resultUsage` is the result message's `usage` (main loop only,
 * cumulative); its `cache_creation` split is what the API reported, so it holds for old CLIs too.
 */
export declare function behaviourOf(messages: unknown[], resultUsage: Usage | undefined): {
    behaviour: RunBehaviour;
    mainModel?: string;
};
export {};
