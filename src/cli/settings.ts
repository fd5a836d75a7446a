import { realpathSync } from 'node:fs';
import { loadConfig, type Config } from '../config/index.ts';
import { isConchError } from '../errors.ts';
import { chooseShell, type ShellChoice } from '../shell/index.ts';

/** What the shell needs from config and environment, with every default applied. */
export interface ShellSettings {
  config: Config;
  shell: ShellChoice;
  capture: { maxLines: number; maxBytes: number };
  historyPath: string;
  /** One line each, shown once at start-up; conch runs on with defaults. */
  warnings: string[];
}

/** An invalid config file is one warning and the defaults: the shell always starts. */
export function loadShellSettings(env: Record<string, string | undefined>, options: { shellFlag?: string | undefined; interactive: boolean }): ShellSettings {
  const warnings: string[] = [];
  let config: Config;
  try {
    const loaded = loadConfig({ env });
    config = loaded.config;
    warnings.push(...loaded.warnings);
  } catch (error) {
    if (!isConchError(error)) throw error;
    warnings.push(`${error.message}; using defaults`);
    config = loadConfig({ env, readFile: () => '' }).config;
  }
  const shell = chooseShell({ flag: options.shellFlag, configured: config.shell.program, env, interactive: options.interactive, isConch });
  warnings.push(...shell.warnings);
  return {
    config,
    shell,
    capture: { maxLines: config.shell.captureLines, maxBytes: config.shell.captureBytes },
    historyPath: config.shell.historyFile,
    warnings,
  };
}

/** conch's own executable (bin/conch.js, through any symlink): never the shell it runs. */
function isConch(resolved: string): boolean {
  try {
    return resolved === realpathSync(process.argv[1] ?? '');
  } catch {
    return false;
  }
}
