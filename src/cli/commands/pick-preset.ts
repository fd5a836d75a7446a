import { loadConfig, nothingConfigured, probeLocalServers, resolvePreset, type Config, type PresetChoice, type ResolvedPreset } from '../../config/index.ts';
import { ConchError } from '../../errors.ts';

export class NoServerError extends ConchError {
  override name = 'NoServerError';

  constructor() {
    super(
      'NO_SERVER',
      'no model server configured and none found on 127.0.0.1 (llama.cpp :8080, Ollama :11434, LM Studio :1234); start one, or set CONCH_BASE_URL, or run `conch config --init` and edit the file',
    );
  }
}

/**
 * The preset a one-shot command uses. With nothing configured at all, the
 * usual local servers are probed (a few hundred ms) and the first that answers
 * is used with the first model it offers.
 */
export async function pickPreset(env: Record<string, string | undefined>, choice: PresetChoice, signal?: AbortSignal): Promise<{ config: Config; preset: ResolvedPreset }> {
  const { config } = loadConfig({ env });
  const preset = resolvePreset(config, choice, env);
  if (!nothingConfigured(config, choice, env)) return { config, preset };
  const found = await probeLocalServers(signal ? { signal } : {});
  if (!found) throw new NoServerError();
  return { config, preset: { ...preset, name: found.name, baseUrl: found.baseUrl, model: choice.model ?? env.CONCH_MODEL ?? found.models[0] ?? preset.model } };
}
