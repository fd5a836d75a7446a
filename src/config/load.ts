import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { ConfigError } from './errors.ts';
import { configPath } from './paths.ts';
import { isTable, shellConfig, type ShellConfig } from './shell-settings.ts';

export interface Config {
  file: string;
  shell: ShellConfig;
}

export interface LoadOptions {
  env: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}

/**
 * Reads config.toml. A missing file is the normal case (defaults); a file that
 * cannot be read or parsed, or holds a value of the wrong kind, is one
 * ConfigError naming the file, the key and what was expected: conch never runs
 * on half a config.
 */
export function loadConfig(options: LoadOptions): { config: Config; warnings: string[] } {
  const file = configPath(options.env);
  const read = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  let text: string | undefined;
  try {
    text = read(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new ConfigError(file, undefined, `cannot read (${code ?? 'error'})`, { cause: error });
  }
  let document: Record<string, unknown> = {};
  if (text !== undefined) {
    try {
      document = parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ConfigError(file, undefined, `not valid TOML: ${detail}`, { cause: error });
    }
  }
  if (!isTable(document)) throw new ConfigError(file, undefined, 'expected a TOML table');
  return { config: { file, shell: shellConfig(document.shell, file, options.env) }, warnings: [] };
}
