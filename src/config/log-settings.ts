import { ConfigError } from './errors.ts';
import { isTable } from './shell-settings.ts';

/** The `[log]` table: the conversation log's switch and how long it keeps entries. */
export interface LogConfig {
  /** False: no exchange is written. @default true */
  enabled: boolean;
  /** Entries older than this many days are hidden and pruned; undefined keeps everything. */
  keepDays: number | undefined;
}

export function logConfig(table: unknown, file: string): LogConfig {
  const defaults: LogConfig = { enabled: true, keepDays: undefined };
  if (table === undefined) return defaults;
  if (!isTable(table)) throw new ConfigError(file, 'log', 'expected a table ([log])');
  const known = new Set(['enabled', 'keep_days']);
  for (const key of Object.keys(table)) {
    if (!known.has(key)) throw new ConfigError(file, `log.${key}`, `unknown key (expected one of ${[...known].join(', ')})`);
  }
  const { enabled = true, keep_days: keepDays } = table;
  if (typeof enabled !== 'boolean') throw new ConfigError(file, 'log.enabled', `expected true or false, got ${JSON.stringify(enabled)}`);
  const days = typeof keepDays === 'bigint' ? Number(keepDays) : keepDays;
  if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1)) {
    throw new ConfigError(file, 'log.keep_days', `expected a whole number of days >= 1, got ${JSON.stringify(typeof keepDays === 'bigint' ? Number(keepDays) : keepDays)}`);
  }
  return { enabled, keepDays: days };
}
