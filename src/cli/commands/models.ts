import { describeModelError, listModels } from '../../broker/index.ts';
import { cleanLine, showExactly } from '../../render/sanitize.ts';
import { loadConfig, probeLocalServers, resolvePreset } from '../../config/index.ts';
import { isConchError } from '../../errors.ts';
import type { CliIo } from '../io.ts';

/** `conch models`: every preset, and what its server offers right now. */
export async function runModelsCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write(`conch models: unexpected argument ${args[0]}\nusage: conch models\n`);
    return 2;
  }
  let config;
  try {
    ({ config } = loadConfig({ env: io.env }));
  } catch (error) {
    if (!isConchError(error)) throw error;
    io.stderr.write(`conch: ${error.message}\n`);
    return 1;
  }
  const active = io.env.CONCH_PRESET ?? config.defaultPreset;
  const presets = Object.keys(config.presets).map((name) => resolvePreset(config, { preset: name }, io.env));
  const [answers, probed] = await Promise.all([
    Promise.all(
      presets.map((preset) =>
        listModels(preset, { timeoutMs: 1500, signal: io.signal }).then(
          (models) => ({ models, error: undefined as string | undefined }),
          (error: unknown) => ({ models: [] as string[], error: cleanLine(describeModelError(error, preset)) }),
        ),
      ),
    ),
    config.fromFile ? Promise.resolve(undefined) : probeLocalServers({ signal: io.signal }),
  ]);
  presets.forEach((preset, i) => {
    const answer = answers[i]!;
    const mark = preset.name === active ? '*' : ' ';
    io.stdout.write(`${mark} ${preset.name.padEnd(9)} ${showExactly(preset.model)}  ${showExactly(preset.baseUrl)}  context ${preset.contextSize}\n`);
    io.stdout.write(answer.error ? `      unreachable: ${answer.error}\n` : `      offers: ${answer.models.map(showExactly).join(', ') || '(no models listed)'}\n`);
  });
  if (probed) io.stdout.write(`found ${probed.name} at ${probed.baseUrl} (used when nothing is configured)\n`);
  return 0;
}
