/**
 * The PostgreSQL ledger's tables, created on first use by numbered migrations (docs/ledger.md lists the
 * columns). A migration is applied once, under an advisory lock, in the transaction that records its
 * number: any number of first gates at once create the schema exactly once. Money is `double precision`
 * because the ledger's figures are JavaScript numbers and must read back exactly as they were written.
 */
/** Everything lives in this schema, so the ledger can share a database with anything else. */
export declare const SCHEMA = "agent_credit_gate";
/** The key of the advisory lock migrations take (any constant; this one spells "acg-schema"). */
export declare const MIGRATION_LOCK = 1633904499;
export interface Migration {
    version: number;
    name: string;
    sql: string;
}
export declare const MIGRATIONS: Migration[];
export declare const LATEST: number;
