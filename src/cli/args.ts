/** What the command line asked for. */
export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'subcommand'; name: Subcommand; args: string[] }
  | { kind: 'shell'; command?: string; shell?: string }
  | { kind: 'usage-error'; message: string };

export type Subcommand = 'ask' | 'models' | 'config' | 'log';
const SUBCOMMANDS = new Set<string>(['ask', 'models', 'config', 'log']);

export function parseArgs(argv: readonly string[]): Invocation {
  const first = argv[0];
  if (first !== undefined && SUBCOMMANDS.has(first)) {
    return { kind: 'subcommand', name: first as Subcommand, args: argv.slice(1) };
  }
  let command: string | undefined;
  let shell: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-V' || arg === '--version') return { kind: 'version' };
    if (arg === '-c' || arg === '--shell') {
      const value = argv[++i];
      if (value === undefined) return { kind: 'usage-error', message: `option ${arg} needs a value` };
      if (arg === '-c') command = value;
      else shell = value;
      continue;
    }
    if (arg.startsWith('--shell=')) {
      shell = arg.slice('--shell='.length);
      continue;
    }
    if (arg.startsWith('-')) return { kind: 'usage-error', message: `unknown option ${arg}` };
    return { kind: 'usage-error', message: `unexpected argument ${arg}` };
  }
  return { kind: 'shell', command, shell };
}

export const USAGE = `usage: conch [--shell PATH] [-c LINE]
       conch ask [--preset P] [--model M] [--base-url U] [QUESTION...]
       conch models [pull [PRESET] | rm PRESET] | conch log [--search TEXT] [ID] | conch log --clear | conch config --init | conch --help | conch --version`;

export const HELP = `conch: an interactive shell that works with language models

${USAGE}

  conch                 start the interactive shell (every line runs in its own PTY)
  conch -c LINE         run one line through the same executor, exit with its status
  conch < script        run lines from stdin one by one, state persisting (like sh < script)
  conch ask QUESTION    ask the configured model; piped stdin goes along (or is the question)
  conch models          list presets and the models each server offers (or whether an embedded model is here)
  conch models pull [P] download preset P's model (default: local, the built-in one) and the embedded engine
  conch models rm P     delete the model downloaded for preset P
  conch log             list (--search) logged exchanges; conch log ID shows one in full; --clear empties the log
  conch config --init   write a commented sample config file

options:
  -c LINE        run LINE and exit
  --shell PATH   the shell that runs each line (default /bin/sh, or [shell] program in config)
  -h, --help     show this help
  -V, --version  show the version

files:
  $XDG_CONFIG_HOME/conch/config.toml   presets and settings (default ~/.config/conch)
  $XDG_STATE_HOME/conch/history        command history (default ~/.local/state/conch)
  $XDG_DATA_HOME/conch/models, engine  downloaded models and the embedded engine (default ~/.local/share/conch)`;
