/**
 * An input a user gave is wrong: one line per problem, each naming the input, the bad value and the
 * fix. Shells print the lines as they are; nothing else in the code formats user errors.
 */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'InputError'
  }
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = tmp
    }
  }
  return prev[b.length]
}

/**
 * The `count` known names nearest to `wanted` (edit distance, then name), at most `within` edits away:
 * the "did you mean" of an error.
 */
export function nearest(wanted: string, known: readonly string[], count = 3, within = Infinity): string[] {
  return known
    .map(name => ({ name, d: editDistance(wanted.toLowerCase(), name.toLowerCase()) }))
    .filter(x => x.d <= within)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, count)
    .map(x => x.name)
}

/**
 * Where a JSON.parse SyntaxError found `text` broken, as ` at line L, column C`, ` (it ends too soon)`,
 * or nothing when the engine does not say: its own message quotes the file's text, newlines and all,
 * which has no place in a one-line error.
 */
export function jsonErrorPlace(error: unknown, text: string): string {
  const message = (error as Error | undefined)?.message ?? ''
  if (/end of JSON input/.test(message)) return ' (it ends too soon)'
  const at = /at position (\d+)/.exec(message)?.[1]
  if (at === undefined) return ''
  const lines = text.slice(0, Number(at)).split('\n')
  return ` at line ${lines.length}, column ${lines[lines.length - 1].length + 1}`
}
