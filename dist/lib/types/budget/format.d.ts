/** USD for people: $0.42, $1,234.50; sub-cent amounts keep two significant digits ($0.0042). */
export declare function usd(n: number): string;
/** USD for programs (step outputs, a command's environment): a plain decimal, to 1/10,000 of a cent. */
export declare const plainUsd: (n: number) => string;
