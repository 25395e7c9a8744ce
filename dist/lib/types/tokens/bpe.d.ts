/** Number of BPE tokens of one pre-token chunk (bytes as a latin1 string). */
export declare function bpeCount(bytes: string): number;
