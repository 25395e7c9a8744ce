import type { ClaudeRunResult } from './types.js';
/** Parse a Claude output file; the last `result` message is the run's total (never sum assistant lines). */
export declare function parseClaudeOutput(text: string, file: string): ClaudeRunResult;
