import type { CliIo } from '../io.ts';

/** `conch config`: not built yet. */
export async function runConfigCommand(args: string[], io: CliIo): Promise<number> {
  void args;
  io.stderr.write('conch config: not available yet\n');
  return 1;
}
