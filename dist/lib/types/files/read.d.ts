import { InputError } from '../errors.js';
/** Above this a file is not something an agent loads into its context; refuse rather than read 100 MB. */
export declare const MAX_FILE_BYTES: number;
/** The one-line error for an input that names a file that cannot be read. */
export declare function cannotRead(input: string, path: string, error: unknown, fix?: string): InputError;
/** The one-line error for a file an input names that cannot be written. */
export declare function cannotWrite(input: string, path: string, error: unknown): InputError;
/** The text of a file named by an input, or a one-line error naming the input, the path and the fix. */
export declare function readNamedFile(path: string, input: string, fix?: string, shown?: string): Promise<string>;
/** A NUL byte in the first 8,000 bytes: what git calls binary. */
export declare function looksBinary(buf: Buffer): boolean;
/**
 * A text file an agent would load: a one-line error naming the input when it is missing, not a file,
 * over MAX_FILE_BYTES or binary. `shown` is the path as the user wrote it.
 */
export declare function readTextFile(path: string, input: string, shown?: string): Promise<string>;
