import { join } from 'node:path';
import { loadConfig, stateDir } from '../config/index.ts';
import { isConchError } from '../errors.ts';

/** What the shell core needs from config and environment, with every default applied. */
export interface ShellSettings {
  shell: string;
  capture: { maxLines: number; maxBytes: number };
  historyPath: string;
  /** One line each, shown once at start-up; conch runs on with defaults. */
  warnings: string[];
}

export function loadShellSettings(env: Record<string, string | undefined>, shellFlag?: string): ShellSettings {
  const warnings: string[] = [];
  let shell = { program: '/bin/sh', captureLines: 2000, captureBytes: 256 * 1024, historyFile: join(stateDir(env), 'history') };
  try {
    const loaded = loadConfig({ env });
    shell = loaded.config.shell;
    warnings.push(...loaded.warnings);
  } catch (error) {
    if (!isConchError(error)) throw error;
    warnings.push(`${error.message}; using defaults`);
  }
  return {
    shell: shellFlag ?? shell.program,
    capture: { maxLines: shell.captureLines, maxBytes: shell.captureBytes },
    historyPath: shell.historyFile,
    warnings,
  };
}

