import type { CliIo } from './io.ts';
import { runAskCommand } from './commands/ask.ts';
import { runModelsCommand } from './commands/models.ts';
import { runConfigCommand } from './commands/config.ts';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === 'ask') return runAskCommand(rest, io);
  if (first === 'models') return runModelsCommand(rest, io);
  if (first === 'config') return runConfigCommand(rest, io);
  return 0;
}
