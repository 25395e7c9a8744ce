import type { DocumentStore, StoredText, WriteResult } from './types.js';
export declare class FileStore implements DocumentStore {
    readonly path: string;
    constructor(path: string);
    describe(): string;
    locate(name: string): string;
    /** The file of one document: the configured name with the document's name before the extension. */
    fileFor(name: string): string;
    cycles(): Promise<string[]>;
    read(name: string): Promise<StoredText>;
    private lock;
    write(name: string, text: string, version: string | null): Promise<WriteResult>;
}
