import { ConchError } from '../errors.ts';

/** The config file could not be read or says something conch cannot use. */
export class ConfigError extends ConchError {
  override name = 'ConfigError';
  readonly file: string;
  /** The dotted key at fault (`shell.capture_lines`), when one is. */
  readonly key: string | undefined;

  constructor(file: string, key: string | undefined, message: string, options?: { cause?: unknown }) {
    super('CONFIG', `${file}: ${key ? `${key}: ` : ''}${message}`, options);
    this.file = file;
    this.key = key;
  }
}
