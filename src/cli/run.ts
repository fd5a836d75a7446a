import type { ReadStream } from 'node:tty';
import { HELP, USAGE, parseArgs } from './args.ts';
import { runCommand, runScript } from './batch.ts';
import { runAskCommand } from './commands/ask.ts';
import { runConfigCommand } from './commands/config.ts';
import { runLogCommand } from './commands/log.ts';
import { runModelsCommand } from './commands/models.ts';
import { runInteractive } from './interactive.ts';
import type { CliIo } from './io.ts';
import { VERSION } from './version.ts';

/** Runs conch as the command line asks and resolves with its exit status. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const invocation = parseArgs(argv);
  switch (invocation.kind) {
    case 'help':
      io.stdout.write(`${HELP}\n`);
      return 0;
    case 'version':
      io.stdout.write(`conch ${VERSION}\n`);
      return 0;
    case 'usage-error':
      io.stderr.write(`conch: ${invocation.message}\n${USAGE}\n`);
      return 2;
    case 'subcommand': {
      const commands = { ask: runAskCommand, models: runModelsCommand, config: runConfigCommand, log: runLogCommand };
      return commands[invocation.name](invocation.args, io);
    }
    case 'shell':
      if (invocation.command !== undefined) return runCommand(io, { command: invocation.command, shell: invocation.shell });
      if (io.stdin.isTTY && io.stdout.isTTY) return runInteractive(io as CliIo & { stdin: ReadStream }, invocation);
      return runScript(io, invocation);
  }
}
