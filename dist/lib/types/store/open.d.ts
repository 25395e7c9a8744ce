/** The store a location names: a local file, a ref of a GitHub repository, or a PostgreSQL database. */
import type { DocumentStore, StoreLocation } from './types.js';
import { type ClientTuning } from '../github/client.js';
export interface StoreAccess {
    /** Token for a GitHub store (needs contents: write). */
    token?: string;
    /** Connection string of a PostgreSQL ledger (`ledger-url`; a secret). */
    url?: string;
    /** GITHUB_API_URL. */
    apiUrl: string;
    log?: (message: string) => void;
    tuning?: ClientTuning;
}
export declare function openStore(where: StoreLocation, access: StoreAccess): DocumentStore;
