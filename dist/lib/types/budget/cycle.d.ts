import type { Cycle } from './types.js';
/** The billing cycle containing `now` (UTC): from one reset day 00:00 to the next. */
export declare function cycleAt(now: Date, billingCycleDay: number): Cycle;
