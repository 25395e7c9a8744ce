/**
 * An input a user gave is wrong: one line per problem, each naming the input, the bad value and the
 * fix. Shells print the lines as they are; nothing else in the code formats user errors.
 */
export declare class InputError extends Error {
    readonly problems: string[];
    constructor(problems: string[]);
}
/**
 * The `count` known names nearest to `wanted` (edit distance, then name), at most `within` edits away:
 * the "did you mean" of an error.
 */
export declare function nearest(wanted: string, known: readonly string[], count?: number, within?: number): string[];
/**
 * Where a JSON.parse SyntaxError found `text` broken, as ` at line L, column C`, ` (it ends too soon)`,
 * or nothing when the engine does not say: its own message quotes the file's text, newlines and all,
 * which has no place in a one-line error.
 */
export declare function jsonErrorPlace(error: unknown, text: string): string;
