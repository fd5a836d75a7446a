import { listModels } from '../../broker/index.ts';
import { engineDir, loadConfig, nothingConfigured, probeLocalServers, resolvePreset, type Config, type ResolvedPreset } from '../../config/index.ts';
import { ENGINE_APPROX_BYTES, engineInstalled } from '../../engine/index.ts';
import { isConchError } from '../../errors.ts';
import { formatBytes, modelFileOf } from '../../models/index.ts';
import { ConnectError, HttpError, TimeoutError } from '../../sse/index.ts';
import { cleanLine, showExactly } from '../../render/sanitize.ts';
import type { CliIo } from '../io.ts';

const TIMEOUT_MS = 1500;
const USAGE = 'usage: conch models | conch models pull [PRESET] | conch models rm PRESET';

const HELP = `${USAGE}

  conch models             every preset, what its server offers now, or whether its embedded model is here
  conch models pull [P]    download preset P's model (default: local, the built-in one) and the embedded engine
  conch models rm P        delete the model conch downloaded for preset P
  -h, --help               show this help`;

/**
 * `conch models`: every preset, and what its server offers right now, or
 * whether its model file is here (embedded presets). A preset whose key is
 * missing is not contacted (nothing would answer it).
 */
export async function runModelsCommand(args: string[], io: CliIo): Promise<number> {
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args[0] === 'pull') return (await import('./models-pull.ts')).runPullCommand(args.slice(1), io);
  if (args[0] === 'rm') return (await import('./models-rm.ts')).runRemoveCommand(args.slice(1), io);
  if (args.length > 0) {
    io.stderr.write(`conch models: unexpected argument ${args[0]}\n${USAGE}\n`);
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
  // Columns as :model lays them out: each as wide as its widest entry; what the server says goes under the model.
  const width = (values: string[]) => Math.max(...values.map((value) => value.length));
  const names = presets.map((preset) => showExactly(preset.name));
  const modelNames = presets.map((preset) => showExactly(preset.model));
  const urls = presets.map((preset) => showExactly(preset.baseUrl));
  const [nameWidth, modelWidth, urlWidth] = [Math.max(9, width(names)), width(modelNames), width(urls)];
  presets.forEach((preset, i) => {
    const mark = preset.name === active ? '*' : ' ';
    io.stdout.write(`${mark} ${names[i]!.padEnd(nameWidth)} ${modelNames[i]!.padEnd(modelWidth)}  ${urls[i]!.padEnd(urlWidth)}  context ${preset.contextSize}\n`);
    io.stdout.write(`${' '.repeat(nameWidth + 3)}${answers[i]}\n`);
  });
  if (probed) {
    io.stdout.write(
      probed.models.length > 0
        ? `found ${probed.name} at ${probed.baseUrl} (used when nothing is configured${probed.preset ? `, as preset ${probed.preset}` : ''})\n`
        : `found ${probed.name} at ${probed.baseUrl}, but it offers no models\n`,
    );
  }
  if (presets.some((preset) => preset.embedded)) {
    const dir = engineDir(io.env);
    io.stdout.write(engineInstalled(dir) ? `embedded engine: installed in ${dir}\n` : `embedded engine: not installed (conch models pull installs it, about ${formatBytes(ENGINE_APPROX_BYTES)})\n`);
  }
  return 0;
}

async function offers(preset: ResolvedPreset, signal: AbortSignal): Promise<string> {
  // An embedded preset has no server to ask: its file is looked at instead.
  if (preset.embedded) return modelFileLine(preset);
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
  if (error instanceof ConnectError) {
    if (error.stage === 'certificate') return `certificate not trusted (${error.reason}; see NODE_EXTRA_CA_CERTS)`;
    if (error.stage === 'proxy') return `the proxy ${error.proxy} ${error.proxyStatus !== undefined ? `refused the tunnel (${error.proxyStatus})` : `is not answering (${error.reason})`}`;
    return `cannot connect (${error.reason})`;
  }
  if (error instanceof TimeoutError) return `no answer within ${TIMEOUT_MS / 1000} s`;
  if (error instanceof HttpError) return `answered ${error.status}${error.serverMessage ? `: ${error.serverMessage}` : ''}`;
  return error.message;
}

/** Whether an embedded preset's model file is here, and its size. */
function modelFileLine(preset: ResolvedPreset): string {
  const file = modelFileOf(preset)!;
  if (file.problem !== undefined) return `unusable: ${cleanLine(file.problem)}`;
  if (file.bytes !== undefined) return `present, ${formatBytes(file.bytes)}: ${showExactly(file.path ?? '')}`;
  if (!file.url) return `missing: ${showExactly(file.path ?? '')}`;
  const partly = file.partialBytes !== undefined ? `${formatBytes(file.partialBytes)} of it downloaded, ` : '';
  return `not downloaded (${partly}conch models pull ${preset.name}): ${showExactly(file.source)}`;
}
