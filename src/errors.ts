/**
 * The base of every error conch expects to happen (a refused connection, a bad
 * config value, a missing history file). Each is created where the fact is
 * known, carries that fact in fields, and is turned into one human sentence only
 * at the edge (cli/repl). Anything that is not a ConchError is a bug and may
 * show a stack trace.
 */
export class ConchError extends Error {
  override name = 'ConchError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isConchError(error: unknown): error is ConchError {
  return error instanceof ConchError;
}
