/** True when every char is ASCII: then the text is its own UTF-8 bytes, and already NFKC-normal. */
export declare const isAscii: (s: string) => boolean;
/** UTF-8 bytes as a latin1 string (one char per byte). */
export declare const toBytes: (s: string) => string;
export declare function legacyTokens(): string[];
export declare function verifiedTokens(): string[];
