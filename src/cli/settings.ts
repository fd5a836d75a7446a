import { loadConfig, type Config } from '../config/index.ts';
import { isConchError } from '../errors.ts';

/** What the shell needs from config and environment, with every default applied. */
export interface ShellSettings {
  config: Config;
  shell: string;
  capture: { maxLines: number; maxBytes: number };
  historyPath: string;
  /** One line each, shown once at start-up; conch runs on with defaults. */
  warnings: string[];
}

/** An invalid config file is one warning and the defaults: the shell always starts. */
export function loadShellSettings(env: Record<string, string | undefined>, shellFlag?: string): ShellSettings {
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
  return {
    config,
    shell: shellFlag ?? config.shell.program,
    capture: { maxLines: config.shell.captureLines, maxBytes: config.shell.captureBytes },
    historyPath: config.shell.historyFile,
    warnings,
  };
}
