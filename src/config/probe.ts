import { ConchError } from '../errors.ts';
import type { ResolvedPreset } from './resolve.ts';

/** A server conch looks for when nothing is configured. */
export interface LocalServer {
  name: string;
  baseUrl: string;
  /** The built-in preset made for this server: its settings (context size, answer length, model) are used. */
  preset?: string;
  /** How a person gets a model onto this server, when it lists none; `MODEL` stands for the preset's model. */
  howToGetModel?: string;
}

/** The usual local servers, in the order conch prefers them. */
export const LOCAL_SERVERS: readonly LocalServer[] = [
  { name: 'llama.cpp', baseUrl: 'http://127.0.0.1:8080/v1', preset: 'snappy', howToGetModel: 'start llama-server with one (`llama-server -m FILE.gguf`)' },
  { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', preset: 'ollama', howToGetModel: 'pull one with `ollama pull MODEL`' },
  { name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1', preset: 'lmstudio', howToGetModel: 'download and load one in LM Studio (or `lms get`, then `lms load`)' },
];

export interface ProbeResult extends LocalServer {
  /** What the server's /models lists, in its order; empty when it has none. */
  models: string[];
}

/**
 * Asks every candidate's /models at once and returns, within `timeoutMs`, the
 * first in preference order that answers and lists a model; failing that, the
 * first that answers at all (with no models); else undefined.
 */
export async function probeLocalServers(
  options: { timeoutMs?: number; candidates?: readonly LocalServer[]; signal?: AbortSignal } = {},
): Promise<ProbeResult | undefined> {
  const timeoutMs = options.timeoutMs ?? 400;
  const candidates = options.candidates ?? LOCAL_SERVERS;
  const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  const answers = await Promise.all(
    candidates.map(async (candidate): Promise<ProbeResult | undefined> => {
      try {
        const response = await fetch(`${candidate.baseUrl}/models`, { signal });
        if (!response.ok) return undefined;
        const json = (await response.json()) as { data?: { id?: unknown }[] };
        const models = Array.isArray(json.data) ? json.data.map((model) => (typeof model.id === 'string' ? model.id : '')).filter(Boolean) : [];
        return { ...candidate, models };
      } catch {
        return undefined;
      }
    }),
  );
  return answers.find((answer) => answer !== undefined && answer.models.length > 0) ?? answers.find((answer) => answer !== undefined);
}

/** A local server answered the probe but has no model to answer with (a fresh Ollama, LM Studio with none loaded). */
export class ServerWithoutModelsError extends ConchError {
  override name = 'ServerWithoutModelsError';
  readonly server: string;
  readonly baseUrl: string;
  /** What to do, in words, when conch knows the server. */
  readonly howToGetModel: string | undefined;

  constructor(server: string, baseUrl: string, howToGetModel: string | undefined) {
    super('SERVER_WITHOUT_MODELS', `${server} answers at ${baseUrl} but offers no models; ${howToGetModel ?? 'load one on it'}, then ask again`);
    this.server = server;
    this.baseUrl = baseUrl;
    this.howToGetModel = howToGetModel;
  }
}

/** Nothing configured, and no local server answered the probe. */
export class NoServerError extends ConchError {
  override name = 'NoServerError';
  /** The built-in embedded preset, not pulled yet: what the first question may offer to download. */
  readonly local: ResolvedPreset | undefined;

  constructor(local?: ResolvedPreset) {
    super(
      'NO_SERVER',
      'no model server configured and none found on 127.0.0.1 (llama.cpp :8080, Ollama :11434, LM Studio :1234); start one, set CONCH_BASE_URL, run `conch config --init` and edit the file, or run `conch models pull` for the built-in model',
    );
    this.local = local;
  }
}
