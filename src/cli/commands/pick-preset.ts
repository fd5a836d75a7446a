import { loadConfig, NoServerError, nothingConfigured, probeLocalServers, resolvePreset, type Config, type PresetChoice, type ResolvedPreset } from '../../config/index.ts';

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
