import { ConchError } from '../errors.ts';

/** The config file could not be read or says something conch cannot use. */
export class ConfigError extends ConchError {
  override name = 'ConfigError';
  readonly file: string;
  /** The dotted key at fault (`shell.capture_lines`), when one is. */
  readonly key: string | undefined;
  /** Where in the file, 1-based, when the fault is one of syntax. */
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(file: string, key: string | undefined, message: string, options?: { cause?: unknown; line?: number; column?: number }) {
    const at = options?.line !== undefined ? `:${options.line}${options.column !== undefined ? `:${options.column}` : ''}` : '';
    super('CONFIG', `${file}${at}: ${key ? `${key}: ` : ''}${message}`, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.file = file;
    this.key = key;
    this.line = options?.line;
    this.column = options?.column;
  }
}

/** An environment variable conch reads holds a value it cannot use. */
export class EnvValueError extends ConchError {
  override name = 'EnvValueError';
  readonly variable: string;
  readonly value: string;
  /** What would have been accepted, in words. */
  readonly expected: string;

  constructor(variable: string, value: string, expected: string) {
    super('ENV_VALUE', `${variable}: expected ${expected}, got ${JSON.stringify(value)}`);
    this.variable = variable;
    this.value = value;
    this.expected = expected;
  }
}
