import type { CliIo } from '../io.ts';

/** `conch models`: not built yet. */
export async function runModelsCommand(args: string[], io: CliIo): Promise<number> {
  void args;
  io.stderr.write('conch models: not available yet\n');
  return 1;
}
