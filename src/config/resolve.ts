import { ConchError } from '../errors.ts';
import type { Config } from './load.ts';
import { NoServerError, probeLocalServers } from './probe.ts';
import type { Preset } from './presets.ts';

/** A preset made ready to call: overrides applied, the key read from the environment. */
export interface ResolvedPreset extends Preset {
  apiKey?: string;
}

export class UnknownPresetError extends ConchError {
  override name = 'UnknownPresetError';
  readonly preset: string;
  readonly known: string[];

  constructor(preset: string, known: string[]) {
    super('UNKNOWN_PRESET', `unknown preset '${preset}' (known: ${known.join(', ')})`);
    this.preset = preset;
    this.known = known;
  }
}

export interface PresetChoice {
  preset?: string;
  model?: string;
  baseUrl?: string;
}

/**
 * Flags beat environment, environment beats the file: --preset over
 * CONCH_PRESET over default_preset; --model/--base-url over CONCH_MODEL,
 * CONCH_BASE_URL; CONCH_API_KEY over the preset's own key variable;
 * CONCH_IDLE_TIMEOUT_MS over the preset's idle timeout.
 */
export function resolvePreset(config: Config, choice: PresetChoice, env: Record<string, string | undefined>): ResolvedPreset {
  const name = choice.preset ?? env.CONCH_PRESET ?? config.defaultPreset;
  const preset = config.presets[name];
  if (!preset) throw new UnknownPresetError(name, Object.keys(config.presets));
  const idle = Number(env.CONCH_IDLE_TIMEOUT_MS);
  const apiKey = env.CONCH_API_KEY || (preset.apiKeyEnv ? env[preset.apiKeyEnv] : undefined);
  return {
    ...preset,
    baseUrl: choice.baseUrl ?? env.CONCH_BASE_URL ?? preset.baseUrl,
    model: choice.model ?? env.CONCH_MODEL ?? preset.model,
    ...(apiKey ? { apiKey } : {}),
    timeouts: { ...preset.timeouts, ...(Number.isInteger(idle) && idle > 0 ? { idleMs: idle } : {}) },
  };
}

/** Nothing chosen anywhere: no file, no flags, no CONCH_* variables. Then a local server may be probed for. */
export function nothingConfigured(config: Config, choice: PresetChoice, env: Record<string, string | undefined>): boolean {
  return !config.fromFile && !choice.preset && !choice.baseUrl && !env.CONCH_PRESET && !env.CONCH_BASE_URL;
}

/**
 * The preset to call. With nothing configured at all (no file, no flags, no
 * CONCH_* variables), the usual local servers are probed (a few hundred ms) and
 * the first that answers is used with the first model it offers; with none,
 * NoServerError says how to configure one.
 */
export async function resolveOrProbe(
  config: Config,
  choice: PresetChoice,
  env: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<ResolvedPreset> {
  const preset = resolvePreset(config, choice, env);
  if (!nothingConfigured(config, choice, env)) return preset;
  const found = await probeLocalServers(signal ? { signal } : {});
  if (!found) throw new NoServerError();
  return { ...preset, name: found.name, baseUrl: found.baseUrl, model: choice.model ?? env.CONCH_MODEL ?? found.models[0] ?? preset.model };
}
