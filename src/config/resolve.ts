import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EmbeddedModel } from '../engine/types.ts';
import { ConchError } from '../errors.ts';
import { EnvValueError } from './errors.ts';
import type { Config } from './load.ts';
import { engineDir, ModelReferenceError, modelPath, parseModelReference } from './model-reference.ts';
import { stateDir } from './paths.ts';
import { MAX_TIMEOUT_MS, TIMEOUT_RANGE } from './preset-table.ts';
import { NoServerError, probeLocalServers, ServerWithoutModelsError, type LocalServer, type ProbeResult } from './probe.ts';
import { LOCAL_PRESET, type Preset } from './presets.ts';

type Env = Record<string, string | undefined>;

/** A preset made ready to call: overrides applied, the key and the proxy read from the environment. */
export interface ResolvedPreset extends Preset {
  apiKey?: string;
  /** Set when the environment names a proxy; loopback servers are reached directly all the same. */
  proxy?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
  /** Set for an embedded preset: the model file and the engine that runs it (`model` is then the file's short name). */
  embedded?: EmbeddedModel;
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
 * CONCH_IDLE_TIMEOUT_MS over the preset's idle timeout (an unusable value is
 * an EnvValueError, never a silent default or a 1 ms timer). The proxy comes
 * from HTTP_PROXY, HTTPS_PROXY and NO_PROXY, lower-case first, as curl reads them.
 */
export function resolvePreset(config: Config, choice: PresetChoice, env: Env): ResolvedPreset {
  const name = choice.preset ?? env.CONCH_PRESET ?? config.defaultPreset;
  const preset = config.presets[name];
  if (!preset) throw new UnknownPresetError(name, Object.keys(config.presets));
  const idleMs = envTimeout(env, 'CONCH_IDLE_TIMEOUT_MS');
  const apiKey = env.CONCH_API_KEY || (preset.apiKeyEnv ? env[preset.apiKeyEnv] : undefined);
  const baseUrl = choice.baseUrl ?? env.CONCH_BASE_URL;
  const proxy = proxyFromEnv(env);
  const resolved: ResolvedPreset = {
    ...preset,
    baseUrl: baseUrl ?? preset.baseUrl,
    model: choice.model ?? env.CONCH_MODEL ?? preset.model,
    ...(apiKey ? { apiKey } : {}),
    ...(proxy ? { proxy } : {}),
    timeouts: { ...preset.timeouts, ...(idleMs !== undefined ? { idleMs } : {}) },
  };
  // A base URL given on the command line or in CONCH_BASE_URL means a server, whatever the preset.
  if (preset.engine !== 'embedded') return resolved;
  // The server is asked for the model by the file's short name (llama-server ignores it; others may know it).
  if (baseUrl !== undefined) return { ...resolved, engine: 'openai', model: choice.model ?? env.CONCH_MODEL ?? shortName(preset.model) };
  // CONCH_MODEL names a server's model; an embedded preset's model is its file (--model still picks another).
  return { ...resolved, ...embeddedModel({ ...resolved, model: choice.model ?? preset.model }, config, env) };
}

/** A model reference's file name without .gguf: `hf:Qwen/x-GGUF/x-q4_k_m.gguf` -> `x-q4_k_m`. */
function shortName(reference: string): string {
  return (reference.split('/').pop() ?? reference).replace(/\.gguf$/i, '');
}

/** The model file and engine for an embedded preset. An unusable override becomes `problem`, reported when a question is asked. */
function embeddedModel(preset: Preset, config: Config, env: Record<string, string | undefined>): Pick<ResolvedPreset, 'model' | 'embedded'> {
  const common = {
    source: preset.model,
    engineDir: engineDir(env),
    logFile: join(stateDir(env), 'engine.log'),
    contextSize: preset.contextSize,
    ...(preset.threads !== undefined ? { threads: preset.threads } : {}),
  };
  try {
    const reference = parseModelReference(preset.model, env, dirname(config.file));
    const path = modelPath(reference, env);
    return { model: shortName(basename(path)), embedded: { ...common, path, ...(reference.kind === 'url' ? { url: reference.url } : {}) } };
  } catch (error) {
    if (!(error instanceof ModelReferenceError)) throw error;
    return { model: preset.model, embedded: { ...common, problem: error.message } };
  }
}

/** The built-in `local` preset resolved, when it is embedded; `pulled` when its model file is here. */
export function localPreset(config: Config, env: Record<string, string | undefined>): { preset: ResolvedPreset; pulled: boolean } | undefined {
  if (config.presets[LOCAL_PRESET]?.engine !== 'embedded') return undefined;
  const preset = resolvePreset(config, { preset: LOCAL_PRESET }, env);
  return { preset, pulled: Boolean(preset.embedded?.path && existsSync(preset.embedded.path)) };
}

/**
 * Nothing chosen anywhere: no flags, no CONCH_PRESET or CONCH_BASE_URL, and a
 * config file (if any) that does not name a server. Then a local server may be probed for.
 */
export function nothingConfigured(config: Config, choice: PresetChoice, env: Env): boolean {
  return !config.choosesServer && !choice.preset && !choice.baseUrl && !env.CONCH_PRESET && !env.CONCH_BASE_URL;
}

function envTimeout(env: Env, variable: string): number | undefined {
  const text = env[variable];
  if (text === undefined || text === '') return undefined;
  const ms = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(ms > 0 && ms <= MAX_TIMEOUT_MS)) throw new EnvValueError(variable, text, TIMEOUT_RANGE);
  return ms;
}

function proxyFromEnv(env: Env): ResolvedPreset['proxy'] {
  const httpProxy = env.http_proxy || env.HTTP_PROXY;
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY;
  const noProxy = env.no_proxy || env.NO_PROXY;
  if (!httpProxy && !httpsProxy) return undefined;
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), ...(noProxy ? { noProxy } : {}) };
}

/**
 * The preset to call. With nothing configured at all (no file, no flags, no
 * CONCH_* variables), the usual local servers are probed (a few hundred ms)
 * and the first that lists a model is used through its own built-in preset
 * (see `probedPreset`); with none, the built-in `local` model if it has been
 * pulled; else a server that answered without models says how to get one
 * (ServerWithoutModelsError), and with no server at all NoServerError says how
 * to configure one (and the caller may offer to pull `local`).
 */
export async function resolveOrProbe(
  config: Config,
  choice: PresetChoice,
  env: Env,
  signal?: AbortSignal,
  probe: { candidates?: readonly LocalServer[] } = {},
): Promise<ResolvedPreset> {
  const preset = resolvePreset(config, choice, env);
  if (!nothingConfigured(config, choice, env)) return preset;
  const found = await probeLocalServers({ ...probe, ...(signal ? { signal } : {}) });
  const named = choice.model ?? env.CONCH_MODEL;
  if (!found || (found.models.length === 0 && named === undefined)) {
    const local = localPreset(config, env);
    if (local?.pulled) return local.preset;
    if (found) throw new ServerWithoutModelsError(found.name, found.baseUrl, found.howToGetModel?.replace('MODEL', serverPreset(config, found)?.model ?? 'MODEL'));
    throw new NoServerError(local?.preset);
  }
  return probedPreset(config, preset, found, choice, env);
}

/**
 * A probed server is asked as its own built-in preset (Ollama as `ollama`,
 * with that preset's context size and model), so the prompt and `:model`
 * name it as the preset list does. Its model is the preset's when the server
 * offers it (Ollama's `llama3.2` is listed as `llama3.2:latest`), else the
 * first the server lists: never a name the server does not have. A server
 * with no preset of its own gets the default preset's settings under its own name.
 */
function probedPreset(config: Config, fallback: ResolvedPreset, found: ProbeResult, choice: PresetChoice, env: Env): ResolvedPreset {
  const named = choice.model ?? env.CONCH_MODEL;
  const own = serverPreset(config, found);
  if (!own) return { ...fallback, name: found.name, baseUrl: found.baseUrl, model: named ?? found.models[0] ?? fallback.model };
  const base = resolvePreset(config, { preset: own.name }, env);
  const offered = found.models.includes(base.model) || found.models.includes(`${base.model}:latest`);
  return { ...base, baseUrl: found.baseUrl, model: named ?? (offered ? base.model : (found.models[0] ?? base.model)) };
}

/** The preset made for a probed server, when there is one that is itself a server (not the embedded engine). */
function serverPreset(config: Config, found: ProbeResult): Preset | undefined {
  const preset = found.preset === undefined ? undefined : config.presets[found.preset];
  return preset && preset.engine !== 'embedded' ? preset : undefined;
}
