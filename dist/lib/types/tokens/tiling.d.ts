/** [upper, lower] token counts of one chunk (bytes as a latin1 string). */
export declare function tile(bytes: string): [number, number];
