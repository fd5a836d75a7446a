import { ConchError } from '../errors.ts';
import type { ResolvedPreset } from './resolve.ts';

/** The usual local servers, in the order conch prefers them. */
export const LOCAL_SERVERS = [
  { name: 'llama.cpp', baseUrl: 'http://127.0.0.1:8080/v1' },
  { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
  { name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' },
] as const;

export interface ProbeResult {
  name: string;
  baseUrl: string;
  models: string[];
}

/**
 * Asks every candidate's /models at once and returns the first in preference
 * order that answers within `timeoutMs`, or undefined.
 */
export async function probeLocalServers(
  options: { timeoutMs?: number; candidates?: readonly { name: string; baseUrl: string }[]; signal?: AbortSignal } = {},
): Promise<ProbeResult | undefined> {
  const timeoutMs = options.timeoutMs ?? 400;
  const candidates = options.candidates ?? LOCAL_SERVERS;
  const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  const answers = await Promise.all(
    candidates.map(async (candidate) => {
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
  return answers.find((answer) => answer !== undefined);
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
