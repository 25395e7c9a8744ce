export declare const COMMANDS: readonly ["estimate", "gate", "run", "status", "release", "record", "cost", "tokens", "report", "ledger", "export"];
export type Command = (typeof COMMANDS)[number];
/** The CLI's own flags (not action inputs): how it prints, which run it speaks for. */
export declare const CLI_FLAGS: {
    readonly context: {
        readonly flags: "--context <globs...>";
        readonly help: "glob(s) of files the agent loads up front, repeatable (= context-files); quote a glob (--context 'src/**/*.ts') to match subfolders, or pass the files themselves";
    };
    readonly key: {
        readonly flags: "--key <key>";
        readonly help: "the ledger entry to act on, as agent-credit-gate status lists it";
    };
    readonly 'run-id': {
        readonly flags: "--run-id <id>";
        readonly help: "the run: its id (GITHUB_RUN_ID, or the id a local gate was given); a retried gate with the same id holds once";
    };
    readonly job: {
        readonly flags: "--job <name>";
        readonly help: "with --run-id: the job or step of that run, when the run gated more than one";
    };
    readonly file: {
        readonly flags: "--file <path>";
        readonly help: "the text to count (default: stdin)";
    };
    readonly format: {
        readonly flags: "--format <format>";
        readonly help: "report: markdown (default) or json; export: focus (default), csv or json";
    };
    readonly json: {
        readonly flags: "--json";
        readonly help: "print JSON instead of text";
    };
    readonly from: {
        readonly flags: "--from <ledger>";
        readonly help: "ledger copy: the ledger to copy from: github:OWNER/REPO, file:PATH, postgres or postgres:NAME";
    };
    readonly to: {
        readonly flags: "--to <ledger>";
        readonly help: "ledger copy: the ledger to copy into (a cycle it holds already must be identical to the source’s)";
    };
    readonly replace: {
        readonly flags: "--replace";
        readonly help: "correct a run already settled: record this file's figure in its place (the entry keeps the earlier one in its corrections)";
    };
};
export type CliFlag = keyof typeof CLI_FLAGS;
/** Inputs the CLI reads from an environment variable, never a flag (a secret in argv is in `ps`). */
export declare const FROM_ENV: {
    name: string;
    env: string;
}[];
/** Inputs only the action uses: the CLI posts no comment or check run. */
export declare const ACTION_ONLY: string[];
export interface CommandSpec {
    /** One line for the command list. */
    summary: string;
    /** The action inputs it takes as flags. */
    inputs: string[];
    flags: CliFlag[];
}
export declare const SPECS: Record<Command, CommandSpec>;
