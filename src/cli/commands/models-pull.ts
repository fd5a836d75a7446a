import { LOCAL_PRESET, loadConfig, resolvePreset, type Config } from '../../config/index.ts';
import { isConchError } from '../../errors.ts';
import { formatBytes, pullPreset } from '../../models/index.ts';
import type { CliIo } from '../io.ts';

/**
 * `conch models pull [PRESET]` (default: local): installs the embedded engine
 * if missing, then downloads the preset's model, progress on stderr. Present
 * already: says so, 0. Ctrl-C: 130, the partial file kept for the next pull.
 */
export async function runPullCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length > 1 || args[0]?.startsWith('-')) {
    io.stderr.write(`conch models pull: unexpected argument ${args[args.length > 1 ? 1 : 0]}\nusage: conch models pull [PRESET]\n`);
    return 2;
  }
  const target = embeddedPreset('pull', args[0] ?? LOCAL_PRESET, io);
  if (typeof target === 'number') return target;
  try {
    const outcome = await pullPreset(target, { write: (text) => void io.stderr.write(io.stderr.isTTY ? text : text.replace(/\r\n/g, '\n')), tty: Boolean(io.stderr.isTTY) }, io.signal);
    switch (outcome.kind) {
      case 'present':
        io.stdout.write(`${target.name}: already present, ${outcome.path} (${formatBytes(outcome.bytes)})\n`);
        return 0;
      case 'pulled':
        io.stdout.write(`${target.name}: pulled ${outcome.path} (${formatBytes(outcome.bytes)})\n`);
        return 0;
      case 'interrupted':
        io.stderr.write(`conch: interrupted${outcome.kept > 0 ? `; ${formatBytes(outcome.kept)} kept in ${outcome.path}.partial` : ''}; run \`conch models pull ${target.name}\` again to ${outcome.kept > 0 ? 'resume' : 'start over'}\n`);
        return 130;
    }
  } catch (error) {
    if (!isConchError(error)) throw error;
    io.stderr.write(`conch: ${error.message}\n`);
    return 1;
  }
}

type EmbeddedPreset = ReturnType<typeof resolvePreset> & { embedded: NonNullable<ReturnType<typeof resolvePreset>['embedded']> };

/** The named preset if it is embedded and usable; else the exit status after one line saying why. */
export function embeddedPreset(command: 'pull' | 'rm', name: string, io: CliIo): EmbeddedPreset | number {
  let config: Config;
  try {
    ({ config } = loadConfig({ env: io.env }));
  } catch (error) {
    if (!isConchError(error)) throw error;
    io.stderr.write(`conch: ${error.message}\n`);
    return 1;
  }
  if (!config.presets[name]) {
    io.stderr.write(`conch models ${command}: unknown preset '${name}' (known: ${Object.keys(config.presets).join(', ')})\n`);
    return 2;
  }
  const preset = resolvePreset(config, { preset: name }, io.env);
  if (!preset.embedded) {
    io.stderr.write(`conch models ${command}: preset ${name} is a server (${preset.baseUrl}), not an embedded model; there is nothing to ${command === 'pull' ? 'download' : 'remove'}\n`);
    return 2;
  }
  if (preset.embedded.problem !== undefined) {
    io.stderr.write(`conch: preset ${name}: ${preset.embedded.problem}\n`);
    return 2;
  }
  return { ...preset, embedded: preset.embedded };
}
