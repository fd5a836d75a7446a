import { formatBytes, modelFileOf, removeModelFile } from '../../models/index.ts';
import type { CliIo } from '../io.ts';
import { embeddedPreset } from './models-pull.ts';

/** `conch models rm PRESET`: deletes the model conch downloaded for an embedded preset (and any partial download). */
export async function runRemoveCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    io.stderr.write(`conch models rm: ${args.length === 0 ? 'which preset?' : `unexpected argument ${args[args.length > 1 ? 1 : 0]}`}\nusage: conch models rm PRESET\n`);
    return 2;
  }
  const preset = embeddedPreset('rm', args[0]!, io);
  if (typeof preset === 'number') return preset;
  const file = modelFileOf(preset)!;
  if (!file.url || !file.path) {
    io.stderr.write(`conch models rm: preset ${preset.name} uses a file of your own (${file.path ?? file.source}); conch removes only what it downloaded\n`);
    return 2;
  }
  if (file.bytes === undefined && file.partialBytes === undefined) {
    io.stderr.write(`conch: preset ${preset.name}'s model is not downloaded; nothing to remove\n`);
    return 1;
  }
  const freed = removeModelFile({ ...file, path: file.path });
  io.stdout.write(`removed ${file.path} (${formatBytes(freed)})\n`);
  return 0;
}
