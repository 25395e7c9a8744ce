/**
 * Untrusted text (PR titles, branch, job and file names, model names as typed) in markdown and
 * table cells: no markup, no mentions, no closing our hidden marker comment. Parentheses stay as they
 * are: with [ ] and < > escaped they cannot make a link, and "\(" would clutter every raw view.
 */
export declare function escapeMarkdown(text: string): string;
