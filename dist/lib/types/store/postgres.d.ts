import type { DocumentStore, RowLedger, StoredText, WriteResult } from './types.js';
export interface PostgresStoreOptions {
    /** The connection string (the `ledger-url` secret). */
    url: string;
    /** The ledger's name: several ledgers can share one database. */
    name: string;
    /** Connections this process may open (a gate needs one; the benchmark many). */
    maxConnections?: number;
    /** Milliseconds a statement may run before the server cancels it (default 30 s). */
    statementTimeoutMs?: number;
    /** Milliseconds to wait for a connection (default 10 s). */
    connectTimeoutMs?: number;
    /** Milliseconds to keep retrying a lost connection (server restarting; default 15 s). */
    reconnectForMs?: number;
}
export declare class PostgresStore implements DocumentStore {
    private readonly opts;
    readonly rows: RowLedger;
    private readonly pool;
    private migrated;
    /** Once the server has answered, a refused connection is a restart to wait out, not a wrong address. */
    private connected;
    private readonly where;
    constructor(opts: PostgresStoreOptions);
    describe(): string;
    locate(name: string): string;
    close(): Promise<void>;
    /** Run `fn` in a transaction on one connection, again on a new one after a lost connection. */
    private transaction;
    /** Create or upgrade the tables once per process; refuse a database a newer version has migrated. */
    private migrate;
    private applyMigrations;
    read(name: string): Promise<StoredText>;
    write(name: string, text: string, version: string | null): Promise<WriteResult>;
    cycles(): Promise<string[]>;
    /** The cycle row, locked when `lock`; null when the cycle has no row yet. */
    private cycleRow;
    /** The entries a step reads: every one with `focus.all`, else those `focusedKeys` names. */
    private entries;
    private load;
    /**
     * Lock the cycle, load its rows, let `work` decide, write what it changed. An insert of a key the load
     * left out (a late settle of an old run) loads that row and decides again: nothing counts twice.
     */
    private updateIn;
    /** Write what a step changed, and move the cycle's revision on; returns the new revision. */
    private save;
}
