import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { agentConfig, type AgentConfig } from './agent-settings.ts';
import { ConfigError } from './errors.ts';
import { configPath } from './paths.ts';
import { presetFromTable } from './preset-table.ts';
import { BUILTIN_PRESETS, DEFAULT_PRESET, type Preset } from './presets.ts';
import { logConfig, type LogConfig } from './log-settings.ts';
import { isTable, shellConfig, type ShellConfig } from './shell-settings.ts';

export interface Config {
  file: string;
  /** False when no config file exists. */
  fromFile: boolean;
  /**
   * The file says which server to use: it sets default_preset, or base_url or
   * model of the default preset. When it does not (no file, or the commented
   * sample), conch may probe for a local server.
   */
  choosesServer: boolean;
  defaultPreset: string;
  presets: Record<string, Preset>;
  /** A line starting with this goes to the model. @default '?' */
  questionPrefix: string;
  /** Thinking models' reasoning: shown dimmed, or not at all. @default 'dim' */
  showReasoning: 'dim' | 'hidden';
  shell: ShellConfig;
  agent: AgentConfig;
  log: LogConfig;
}

export interface LoadOptions {
  env: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}

/**
 * Reads config.toml. A missing file is the normal case (defaults); a file that
 * cannot be read or parsed, or holds a value of the wrong kind, is one
 * ConfigError naming the file, the key and what was expected: conch never runs
 * on half a config. Reads no network.
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
      document = parseToml(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '') : String(error);
      throw new ConfigError(file, undefined, `not valid TOML: ${detail}`, { cause: error, ...tomlPosition(error) });
    }
  }
  const known = new Set(['default_preset', 'question_prefix', 'show_reasoning', 'presets', 'shell', 'agent', 'log']);
  for (const key of Object.keys(document)) {
    if (!known.has(key)) throw new ConfigError(file, key, `unknown key (expected one of ${[...known].join(', ')})`);
  }

  const presets: Record<string, Preset> = { ...BUILTIN_PRESETS };
  if (document.presets !== undefined) {
    if (!isTable(document.presets)) throw new ConfigError(file, 'presets', 'expected a table of presets ([presets.NAME])');
    for (const [name, table] of Object.entries(document.presets)) {
      presets[name] = presetFromTable(name, table, BUILTIN_PRESETS[name] ?? BUILTIN_PRESETS[DEFAULT_PRESET]!, file);
    }
  }
  const defaultPreset = document.default_preset ?? DEFAULT_PRESET;
  if (typeof defaultPreset !== 'string' || !presets[defaultPreset]) {
    throw new ConfigError(file, 'default_preset', `expected one of ${Object.keys(presets).join(', ')}, got ${JSON.stringify(defaultPreset)}`);
  }
  const questionPrefix = document.question_prefix ?? '?';
  if (typeof questionPrefix !== 'string' || questionPrefix.length === 0 || /\s/.test(questionPrefix)) {
    throw new ConfigError(file, 'question_prefix', `expected a short non-blank string, got ${JSON.stringify(questionPrefix)}`);
  }
  const showReasoning = document.show_reasoning ?? 'dim';
  if (showReasoning !== 'dim' && showReasoning !== 'hidden') {
    throw new ConfigError(file, 'show_reasoning', `expected "dim" or "hidden", got ${JSON.stringify(showReasoning)}`);
  }
  const defaultTable = isTable(document.presets) ? document.presets[defaultPreset] : undefined;
  const choosesServer = document.default_preset !== undefined || (isTable(defaultTable) && (defaultTable.base_url !== undefined || defaultTable.model !== undefined));
  return {
    config: { file, fromFile: text !== undefined, choosesServer, defaultPreset, presets, questionPrefix, showReasoning, shell: shellConfig(document.shell, file, options.env), agent: agentConfig(document.agent, file), log: logConfig(document.log, file) },
    warnings: [],
  };
}

/** smol-toml's TomlError carries the 1-based line and column of the fault. */
function tomlPosition(error: unknown): { line?: number; column?: number } {
  if (typeof error !== 'object' || error === null) return {};
  const { line, column } = error as { line?: unknown; column?: unknown };
  return typeof line === 'number' ? { line, ...(typeof column === 'number' ? { column } : {}) } : {};
}

/** The TOML parser is loaded only when there is a file to read: most starts have none, and it costs a few ms. */
function parseToml(text: string): Record<string, unknown> {
  const { parse } = createRequire(import.meta.url)('smol-toml') as typeof import('smol-toml');
  return parse(text);
}
