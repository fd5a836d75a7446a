import { describeModelError, listModels } from '../../broker/index.ts';
import { engineDir, loadConfig, probeLocalServers, resolvePreset, type ResolvedPreset } from '../../config/index.ts';
import { ENGINE_APPROX_BYTES, engineInstalled } from '../../engine/index.ts';
import { isConchError } from '../../errors.ts';
import { formatBytes, modelFileOf } from '../../models/index.ts';
import type { CliIo } from '../io.ts';

const USAGE = 'usage: conch models | conch models pull [PRESET] | conch models rm PRESET';

/** `conch models`: every preset, and what its server offers right now, or whether its model file is here. */
export async function runModelsCommand(args: string[], io: CliIo): Promise<number> {
  if (args[0] === 'pull') return (await import('./models-pull.ts')).runPullCommand(args.slice(1), io);
  if (args[0] === 'rm') return (await import('./models-rm.ts')).runRemoveCommand(args.slice(1), io);
  if (args.length > 0) {
    io.stderr.write(`conch models: unexpected argument ${args[0]}\n${USAGE}\n`);
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
        // An embedded preset has no server to ask: its file is looked at instead.
        preset.embedded ? Promise.resolve({ models: [] as string[], error: undefined as string | undefined }) : listModels(preset, { timeoutMs: 1500, signal: io.signal }).then(
          (models) => ({ models, error: undefined as string | undefined }),
          (error: unknown) => ({ models: [] as string[], error: describeModelError(error, preset) }),
        ),
      ),
    ),
    config.fromFile ? Promise.resolve(undefined) : probeLocalServers({ signal: io.signal }),
  ]);
  presets.forEach((preset, i) => {
    const answer = answers[i]!;
    const mark = preset.name === active ? '*' : ' ';
    io.stdout.write(`${mark} ${preset.name.padEnd(9)} ${preset.model}  ${preset.baseUrl}  context ${preset.contextSize}\n`);
    if (preset.embedded) io.stdout.write(`      ${modelFileLine(preset)}\n`);
    else io.stdout.write(answer.error ? `      unreachable: ${answer.error}\n` : `      offers: ${answer.models.join(', ') || '(no models listed)'}\n`);
  });
  if (probed) io.stdout.write(`found ${probed.name} at ${probed.baseUrl} (used when nothing is configured)\n`);
  if (presets.some((preset) => preset.embedded)) {
    const dir = engineDir(io.env);
    io.stdout.write(engineInstalled(dir) ? `embedded engine: installed in ${dir}\n` : `embedded engine: not installed (conch models pull installs it, about ${formatBytes(ENGINE_APPROX_BYTES)})\n`);
  }
  return 0;
}

/** Whether an embedded preset's model file is here, and its size. */
function modelFileLine(preset: ResolvedPreset): string {
  const file = modelFileOf(preset)!;
  if (file.problem !== undefined) return `unusable: ${file.problem}`;
  if (file.bytes !== undefined) return `present, ${formatBytes(file.bytes)}: ${file.path}`;
  if (!file.url) return `missing: ${file.path}`;
  const partly = file.partialBytes !== undefined ? `${formatBytes(file.partialBytes)} of it downloaded, ` : '';
  return `not downloaded (${partly}conch models pull ${preset.name}): ${file.source}`;
}
