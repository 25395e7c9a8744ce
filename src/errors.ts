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
