/**
 * Untrusted text (PR titles, branch, job and file names, model names as typed) in markdown and
 * table cells: no markup, no mentions, no closing our hidden marker comment. Parentheses stay as they
 * are: with [ ] and < > escaped they cannot make a link, and "\(" would clutter every raw view.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]#+!|~])/g, '\\$1')
    .replace(/@/g, '@\u200b')
    .replace(/-->/g, '--&gt;')
}
