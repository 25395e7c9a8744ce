/** USD for people: $0.42, $1,234.50; sub-cent amounts keep two significant digits ($0.0042). */
export declare function usd(n: number): string;
