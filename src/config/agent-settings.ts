import { ConfigError } from './errors.ts';
import { isTable } from './shell-settings.ts';

/** The `[agent]` table (goal mode, `?! GOAL`), every default applied. */
export interface AgentConfig {
  /** Steps before conch asks whether to go on. */
  maxSteps: number;
  /** Command prefixes that run without confirmation, on whole words, for simple commands only. Empty: every step is confirmed. */
  autoRun: string[];
}

export function agentConfig(table: unknown, file: string): AgentConfig {
  const defaults: AgentConfig = { maxSteps: 15, autoRun: [] };
  if (table === undefined) return defaults;
  if (!isTable(table)) throw new ConfigError(file, 'agent', 'expected a table ([agent])');
  const known = new Set(['max_steps', 'auto_run']);
  for (const key of Object.keys(table)) {
    if (!known.has(key)) throw new ConfigError(file, `agent.${key}`, `unknown key (expected one of ${[...known].join(', ')})`);
  }
  const steps = typeof table.max_steps === 'bigint' ? Number(table.max_steps) : table.max_steps;
  if (steps !== undefined && (typeof steps !== 'number' || !Number.isInteger(steps) || steps <= 0)) {
    throw new ConfigError(file, 'agent.max_steps', `expected a whole number > 0, got ${JSON.stringify(steps)}`);
  }
  const autoRun = table.auto_run;
  if (autoRun !== undefined && (!Array.isArray(autoRun) || !autoRun.every((prefix) => typeof prefix === 'string' && prefix.trim() !== ''))) {
    throw new ConfigError(file, 'agent.auto_run', 'expected a list of command prefixes, e.g. ["git status", "ls"]');
  }
  return {
    maxSteps: steps ?? defaults.maxSteps,
    autoRun: ((autoRun as string[] | undefined) ?? []).map((prefix) => prefix.trim()),
  };
}
