export declare const CHUNK_CLASSES: readonly ["word", "digits", "space", "punct", "symbol", "script", "cjk", "emoji"];
export type ChunkClass = (typeof CHUNK_CLASSES)[number];
/** Class of one chunk (decoded text, not bytes). */
export declare function chunkClass(chunk: string): ChunkClass;
/** Chunks of these classes are counted by legacy BPE: the verified vocabulary lacks their tokens. */
export declare const viaLegacyBpe: (c: ChunkClass) => boolean;
