import { type Gathered, type GatherRequest } from './gather.js';
export interface Files {
    /** The text of a file an input names, or a one-line error naming the input, the path and the fix. */
    read(path: string, input: string, fix?: string): Promise<string>;
    /** The text of a file, or undefined when there is no file; one that cannot be read is an error naming `input`. */
    readIfExists(path: string, input?: string): Promise<string | undefined>;
    /** Write a file, creating its folder; `input` names the input the path came from in an error. */
    write(path: string, text: string, input?: string): Promise<void>;
    /** The prompt and the context files the agent will be given. */
    gather(request: GatherRequest): Promise<Gathered>;
}
/** Files on this machine; relative paths resolve against `cwd` (the workspace). */
export declare function nodeFiles(cwd: string): Files;
