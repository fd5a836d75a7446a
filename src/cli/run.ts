import type { ReadStream } from 'node:tty';
import { HELP, USAGE, parseArgs, type Subcommand } from './args.ts';
import type { CliIo } from './io.ts';
import { VERSION } from './version.ts';

/** Runs conch as the command line asks and resolves with its exit status. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const invocation = parseArgs(argv, io.argv0);
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
    case 'command':
      return (await import('./direct.ts')).runDirect(io, { ...invocation, args: ['-c', invocation.command, ...invocation.args] });
    case 'script':
      return (await import('./direct.ts')).runDirect(io, { ...invocation, args: [invocation.script, ...invocation.args] });
    case 'shell':
      // `-i` and `-s` alone still mean conch itself; other options for the shell, or words for $1..., the shell itself.
      if (io.stdin.isTTY && io.stdout.isTTY && invocation.args.length === 0 && invocation.flags.every((flag) => flag === '-i' || flag === '-s')) {
        const { runInteractive } = await import('./interactive.ts');
        return runInteractive(io as CliIo & { stdin: ReadStream }, invocation);
      }
      // Commands from stdin (or output into a pipe): the shell itself decides how it reads them.
      return (await import('./direct.ts')).runDirect(io, invocation);
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
