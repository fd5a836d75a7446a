import type { CliIo } from '../io.ts';

/** `conch ask`: not built yet. */
export async function runAskCommand(args: string[], io: CliIo): Promise<number> {
  void args;
  io.stderr.write('conch ask: not available yet\n');
  return 1;
}
