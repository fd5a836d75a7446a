import { loadConfig, resolveOrProbe, type Config, type PresetChoice, type ResolvedPreset } from '../../config/index.ts';

/** The config and the preset a one-shot command uses (probing for a local server when nothing is configured). */
export async function pickPreset(env: Record<string, string | undefined>, choice: PresetChoice, signal?: AbortSignal): Promise<{ config: Config; preset: ResolvedPreset }> {
  const { config } = loadConfig({ env });
  return { config, preset: await resolveOrProbe(config, choice, env, signal) };
}
