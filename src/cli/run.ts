import type { ReadStream } from 'node:tty';
import { HELP, USAGE, parseArgs, type Subcommand } from './args.ts';
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
    case 'subcommand':
      return runSubcommand(invocation.name, invocation.args, io);
    case 'shell':
      if (invocation.command !== undefined) {
        const { runCommand } = await import('./batch.ts');
        return runCommand(io, { command: invocation.command, shell: invocation.shell });
      }
      if (io.stdin.isTTY && io.stdout.isTTY) {
        const { runInteractive } = await import('./interactive.ts');
        return runInteractive(io as CliIo & { stdin: ReadStream }, invocation);
      }
      return (await import('./batch.ts')).runScript(io, invocation);
  }
}

/** Each subcommand is loaded only when asked for, so `conch -c` never pays for the model client. */
async function runSubcommand(name: Subcommand, args: string[], io: CliIo): Promise<number> {
  switch (name) {
    case 'ask':
      return (await import('./commands/ask.ts')).runAskCommand(args, io);
    case 'models':
      return (await import('./commands/models.ts')).runModelsCommand(args, io);
    case 'config':
      return (await import('./commands/config.ts')).runConfigCommand(args, io);
    case 'log':
      return (await import('./commands/log.ts')).runLogCommand(args, io);
  }
}
