/** The sticky PR comment: found by marker AND author, created once, then edited in place. */
import type { Octokit } from '@octokit/rest';
export interface CommentTarget {
    owner: string;
    repo: string;
    issueNumber: number;
}
/** `update`: create once, then edit; `on-change`: only once there is something to say; `off`. */
export type CommentMode = 'update' | 'off' | 'on-change';
export type CommentOutcome = {
    action: 'created' | 'updated';
    id: number;
} | {
    action: 'unchanged';
    id: number;
} | {
    action: 'skipped';
    reason: string;
};
/**
 * Our earlier comment on the PR: it carries the marker and was written by this token's identity. The
 * identity is asked only when some comment carries the marker, so a PR's first run makes no extra call.
 */
export declare function findStickyComment(octokit: Octokit, target: CommentTarget, marker: string): Promise<{
    id: number;
    body: string;
} | undefined>;
/**
 * Create or edit the sticky comment. `on-change` stays quiet on passing runs until a comment exists,
 * and never edits a comment whose body would not change.
 */
export declare function upsertStickyComment(octokit: Octokit, target: CommentTarget, opts: {
    marker: string;
    body: string;
    mode: CommentMode;
    quiet: boolean;
    knownId?: number;
}): Promise<CommentOutcome>;
