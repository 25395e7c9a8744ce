/** Above this many matches a glob is almost surely too broad (node_modules, a whole monorepo). */
export declare const MAX_CONTEXT_FILES = 2000;
export interface GatheredText {
    /** Where it came from: `prompt`, a prompt file path or a context file path (relative to cwd). */
    source: string;
    text: string;
}
export interface Gathered {
    prompt: GatheredText;
    context: GatheredText[];
    /** One-line notices for the report (e.g. skipped binary files). */
    notices: string[];
}
/** What the agent is given, as the inputs name it. */
export interface GatherRequest {
    /** Prompt text (`prompt`). */
    prompt?: string;
    /** Path of a file holding the prompt (`prompt-file`), relative to `cwd`. */
    promptFile?: string;
    /** Glob patterns of files loaded up front (`context-files`), relative to `cwd`. */
    contextFiles: string[];
}
/** Read the prompt (inline or file) and every file the context globs match. */
export declare function gather(settings: GatherRequest, cwd: string): Promise<Gathered>;
