import { dirname } from 'node:path';
import { ConfigError } from './errors.ts';
import { ModelReferenceError, parseModelReference } from './model-reference.ts';
import type { Preset } from './presets.ts';
import { isTable } from './shell-settings.ts';

const KEYS: Record<string, 'string' | 'count' | 'window' | 'temperature' | 'context' | 'ms' | 'engine'> = {
  base_url: 'string',
  model: 'string',
  api_key_env: 'string',
  context_size: 'window',
  max_tokens: 'count',
  temperature: 'temperature',
  context: 'context',
  connect_timeout_ms: 'ms',
  idle_timeout_ms: 'ms',
  stall_timeout_ms: 'ms',
  overall_timeout_ms: 'ms',
  engine: 'engine',
  threads: 'count',
};

/** The smallest context_size conch accepts. */
const MIN_CONTEXT_SIZE = 512;

/** The longest timer Node keeps (2^31 - 1 ms, about 24.8 days); a longer one would fire after 1 ms. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** A `[presets.NAME]` table over a base preset (a built-in one of that name, or snappy's values). */
export function presetFromTable(name: string, table: unknown, base: Preset, file: string): Preset {
  const at = (key: string) => `presets.${name}${key ? `.${key}` : ''}`;
  if (!isTable(table)) throw new ConfigError(file, at(''), 'expected a table');
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(table)) {
    if (key === 'api_key') throw new ConfigError(file, at(key), 'keys are not stored in config: put the key in an environment variable and name it in api_key_env');
    const kind = KEYS[key];
    if (!kind) throw new ConfigError(file, at(key), `unknown key (expected one of ${Object.keys(KEYS).join(', ')})`);
    values[key] = check(kind, value, file, at(key));
  }
  if ('base_url' in values && !/^https?:\/\//.test(String(values.base_url))) {
    throw new ConfigError(file, at('base_url'), `expected an http:// or https:// URL, got ${JSON.stringify(values.base_url)}`);
  }
  checkAnswerFits(values, base, file, at);
  const engine = (values.engine as Preset['engine'] | undefined) ?? base.engine;
  if (engine === 'embedded') checkEmbeddedModel(values, base, file, at);
  else if (!('base_url' in values) && !/^https?:\/\//.test(base.baseUrl)) {
    throw new ConfigError(file, at('base_url'), 'a preset on an OpenAI-compatible server needs base_url');
  }
  return {
    name,
    baseUrl: String(values.base_url ?? base.baseUrl),
    model: String(values.model ?? base.model),
    ...(values.api_key_env !== undefined ? { apiKeyEnv: String(values.api_key_env) } : base.apiKeyEnv ? { apiKeyEnv: base.apiKeyEnv } : {}),
    contextSize: Number(values.context_size ?? base.contextSize),
    maxTokens: Number(values.max_tokens ?? base.maxTokens),
    temperature: Number(values.temperature ?? base.temperature),
    context: (values.context as Preset['context'] | undefined) ?? base.context,
    timeouts: {
      connectMs: Number(values.connect_timeout_ms ?? base.timeouts.connectMs),
      idleMs: Number(values.idle_timeout_ms ?? base.timeouts.idleMs),
      stallMs: Number(values.stall_timeout_ms ?? base.timeouts.stallMs),
      overallMs: Number(values.overall_timeout_ms ?? base.timeouts.overallMs),
    },
    ...(engine ? { engine } : {}),
    ...(values.threads !== undefined ? { threads: Number(values.threads) } : base.threads !== undefined ? { threads: base.threads } : {}),
    ...(engine === 'embedded' && !('base_url' in values) ? { baseUrl: 'embedded' } : {}),
  };
}

/**
 * The answer's tokens come out of the window, with the system prompt and the
 * question: max_tokens must leave room in context_size, whichever of the two
 * the table sets (the other is the base preset's).
 */
function checkAnswerFits(values: Record<string, string | number>, base: Preset, file: string, at: (key: string) => string): void {
  const window = Number(values.context_size ?? base.contextSize);
  const answer = Number(values.max_tokens ?? base.maxTokens);
  if (answer < window) return;
  if ('max_tokens' in values) throw new ConfigError(file, at('max_tokens'), `expected fewer tokens than context_size (${window}), got ${answer}`);
  throw new ConfigError(file, at('context_size'), `expected more tokens than max_tokens (${answer}), got ${window}`);
}

/** An embedded preset's model must be a path, an https URL (http only on loopback) or hf:owner/repo/file.gguf. */
function checkEmbeddedModel(values: Record<string, string | number>, base: Preset, file: string, at: (key: string) => string): void {
  if (values.model === undefined && base.engine !== 'embedded') {
    throw new ConfigError(file, at('model'), 'an embedded preset needs model = a .gguf path, an https:// URL or hf:OWNER/REPO/FILE.gguf');
  }
  const model = String(values.model ?? base.model);
  try {
    // HF_ENDPOINT and ~ are read when the preset is used; here only the form is checked.
    parseModelReference(model, {}, dirname(file));
  } catch (error) {
    if (error instanceof ModelReferenceError) throw new ConfigError(file, at('model'), error.reason);
    throw error;
  }
}

function check(kind: string, value: unknown, file: string, key: string): string | number {
  const number = typeof value === 'bigint' ? Number(value) : value;
  switch (kind) {
    case 'string':
      if (typeof value === 'string' && value !== '') return value;
      throw new ConfigError(file, key, `expected a non-empty string, got ${describe(value)}`);
    case 'count':
      if (typeof number === 'number' && Number.isInteger(number) && number > 0) return number;
      throw new ConfigError(file, key, `expected a whole number > 0, got ${describe(value)}`);
    case 'ms':
      if (typeof number === 'number' && Number.isInteger(number) && number > 0 && number <= MAX_TIMEOUT_MS) return number;
      throw new ConfigError(file, key, `expected ${TIMEOUT_RANGE}, got ${describe(value)}`);
    case 'window':
      // Below this the system prompt, a question and a short answer do not fit together.
      if (typeof number === 'number' && Number.isInteger(number) && number >= MIN_CONTEXT_SIZE) return number;
      throw new ConfigError(file, key, `expected a whole number of tokens >= ${MIN_CONTEXT_SIZE}, got ${describe(value)}`);
    case 'temperature':
      // The range OpenAI's API and the servers modelled on it accept.
      if (typeof number === 'number' && Number.isFinite(number) && number >= 0 && number <= 2) return number;
      throw new ConfigError(file, key, `expected a number from 0 to 2, got ${describe(value)}`);
    case 'engine':
      if (value === 'openai' || value === 'embedded') return value;
      throw new ConfigError(file, key, `expected "openai" (a server) or "embedded" (a GGUF file run by conch), got ${describe(value)}`);
    default:
      if (value === 'full' || value === 'commands' || value === 'none') return value;
      throw new ConfigError(file, key, `expected "full", "commands" or "none", got ${describe(value)}`);
  }
}

export const TIMEOUT_RANGE = `a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (about 24 days)`;

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : String(value);
}
