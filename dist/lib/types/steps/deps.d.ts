/** What a step needs from the world. The shells build it; tests pass their own (MemoryStore, tmp files). */
import type { DocumentStore } from '../store/types.js';
import type { Files } from '../files/files.js';
export interface StepDeps {
    /** The clock: one instant per step, so every figure of a report is as of the same moment. */
    now: Date;
    files: Files;
    /** Progress lines (the action's log; the CLI drops them). */
    log: (line: string) => void;
    /** RUNNER_TEMP, where claude-code-action leaves its execution file. */
    runnerTemp?: string;
}
/** The steps that read or write the ledger also get its store (opened by the shell from settings.ledger). */
export interface LedgerDeps extends StepDeps {
    store: DocumentStore;
}
