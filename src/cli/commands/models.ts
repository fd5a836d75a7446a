import { listModels } from '../../broker/index.ts';
import { loadConfig, nothingConfigured, probeLocalServers, resolvePreset, type Config, type ResolvedPreset } from '../../config/index.ts';
import { isConchError } from '../../errors.ts';
import { ConnectError, HttpError, TimeoutError } from '../../sse/index.ts';
import { cleanLine, showExactly } from '../../render/sanitize.ts';
import type { CliIo } from '../io.ts';

const TIMEOUT_MS = 1500;

/**
 * `conch models`: every preset, and what its server offers right now. A
 * preset whose key is missing is not contacted (nothing would answer it).
 */
export async function runModelsCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write(`conch models: unexpected argument ${args[0]}\nusage: conch models\n`);
    return 2;
  }
  let config: Config;
  let presets: ResolvedPreset[];
  try {
    const loaded = loadConfig({ env: io.env }).config;
    presets = Object.keys(loaded.presets).map((name) => resolvePreset(loaded, { preset: name }, io.env));
    config = loaded;
  } catch (error) {
    if (!isConchError(error)) throw error;
    io.stderr.write(`conch: ${error.message}\n`);
    return 1;
  }
  const active = io.env.CONCH_PRESET ?? config.defaultPreset;
  const [answers, probed] = await Promise.all([
    Promise.all(presets.map((preset) => offers(preset, io.signal))),
    nothingConfigured(config, {}, io.env) ? probeLocalServers({ signal: io.signal }) : Promise.resolve(undefined),
  ]);
  presets.forEach((preset, i) => {
    const mark = preset.name === active ? '*' : ' ';
    io.stdout.write(`${mark} ${preset.name.padEnd(9)} ${showExactly(preset.model)}  ${showExactly(preset.baseUrl)}  context ${preset.contextSize}\n      ${answers[i]}\n`);
  });
  if (probed) io.stdout.write(`found ${probed.name} at ${probed.baseUrl} (used when nothing is configured)\n`);
  return 0;
}

async function offers(preset: ResolvedPreset, signal: AbortSignal): Promise<string> {
  if (preset.apiKeyEnv && !preset.apiKey) return `not checked: $${preset.apiKeyEnv} is not set`;
  try {
    const models = await listModels(preset, { timeoutMs: TIMEOUT_MS, signal });
    return `offers: ${models.map(showExactly).join(', ') || '(no models listed)'}`;
  } catch (error) {
    if (!isConchError(error)) throw error;
    return `unreachable: ${cleanLine(reason(error))}`;
  }
}

/** Why a server did not list its models, in a few words (the line already names the preset and URL). */
function reason(error: Error): string {
  if (error instanceof ConnectError) return `cannot connect (${error.reason})`;
  if (error instanceof TimeoutError) return `no answer within ${TIMEOUT_MS / 1000} s`;
  if (error instanceof HttpError) return `answered ${error.status}${error.serverMessage ? `: ${error.serverMessage}` : ''}`;
  return error.message;
}
