/** HTTP errors from octokit as one-line text, and their status. */
export declare function httpStatus(error: unknown): number | undefined;
/** 403/404 for want of a permission or an identity; a rate limit is a 403 too, but waiting fixes that. */
export declare function isNotPermitted(error: unknown): boolean;
/** The request an octokit error came from (method and URL), when it says. */
export declare function failedRequest(error: unknown): {
    method: string;
    url: string;
} | undefined;
/**
 * "503 Service Unavailable (PATCH /repos/o/r/git/refs/…)": status, the first line of GitHub's message
 * without its documentation link, and the request. Octokit reports a reset connection or a timed-out
 * attempt as a 500 without a response; those say "no answer from GitHub" instead of a status it never sent.
 */
export declare function describeError(error: unknown): string;
