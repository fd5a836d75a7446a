import { join } from 'node:path';
import { ConfigError } from './errors.ts';
import { expandHome, stateDir } from './paths.ts';

/** The `[shell]` table, every default applied. */
export interface ShellConfig {
  /** Unset: $SHELL when it is bash, zsh or fish, else bash, else /bin/sh (see shell/choose.ts). */
  program: string | undefined;
  captureLines: number;
  captureBytes: number;
  historyFile: string;
}

export function shellConfig(table: unknown, file: string, env: Record<string, string | undefined>): ShellConfig {
  const defaults: ShellConfig = {
    program: undefined,
    captureLines: 2000,
    captureBytes: 256 * 1024,
    historyFile: join(stateDir(env), 'history'),
  };
  if (table === undefined) return defaults;
  if (!isTable(table)) throw new ConfigError(file, 'shell', 'expected a table ([shell])');
  const known = new Set(['program', 'capture_lines', 'capture_bytes', 'history_file']);
  for (const key of Object.keys(table)) {
    if (!known.has(key)) throw new ConfigError(file, `shell.${key}`, `unknown key (expected one of ${[...known].join(', ')})`);
  }
  return {
    program: optionalString(table, 'program', file) ?? defaults.program,
    captureLines: optionalCount(table, 'capture_lines', file) ?? defaults.captureLines,
    captureBytes: optionalCount(table, 'capture_bytes', file) ?? defaults.captureBytes,
    historyFile: expandHome(optionalString(table, 'history_file', file) ?? defaults.historyFile, env),
  };
}

export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function optionalString(table: Record<string, unknown>, key: string, file: string): string | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new ConfigError(file, `shell.${key}`, `expected a non-empty string, got ${describe(value)}`);
  return value;
}

function optionalCount(table: Record<string, unknown>, key: string, file: string): number | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  const number = typeof value === 'bigint' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
    throw new ConfigError(file, `shell.${key}`, `expected a whole number >= 0, got ${describe(value)}`);
  }
  return number;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}
