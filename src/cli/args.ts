/** What the command line asked for. */
export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'subcommand'; name: Subcommand; args: string[] }
  /** The interactive shell, or (stdin not a terminal) the shell reading commands from stdin. */
  | { kind: 'shell'; shell?: string; login: boolean }
  /** `conch -c LINE [NAME ARGS...]`: the shell's own -c, $0 and $1... as it sets them. */
  | { kind: 'command'; command: string; args: string[]; shell?: string; login: boolean }
  /** `conch SCRIPT [ARGS...]`. */
  | { kind: 'script'; script: string; args: string[]; shell?: string; login: boolean }
  | { kind: 'usage-error'; message: string };

export type Subcommand = 'ask' | 'models' | 'config' | 'log';
const SUBCOMMANDS = new Set<string>(['ask', 'models', 'config', 'log']);

/**
 * Options come first; the first other word ends them, as in sh: after `-c LINE`
 * the rest are $0 and its arguments, otherwise the first is a script to run.
 * `argv0` starting with `-` means a login shell, as login(1) and sshd start one.
 */
export function parseArgs(argv: readonly string[], argv0 = ''): Invocation {
  const first = argv[0];
  if (first !== undefined && SUBCOMMANDS.has(first)) {
    return { kind: 'subcommand', name: first as Subcommand, args: argv.slice(1) };
  }
  let command: string | undefined;
  let shell: string | undefined;
  let login = argv0.startsWith('-');
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-V' || arg === '--version') return { kind: 'version' };
    if (arg === '-l' || arg === '--login') {
      login = true;
      continue;
    }
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
    return { kind: 'usage-error', message: `unknown option ${arg}` };
  }
  const rest = argv.slice(i);
  const chosen = shell === undefined ? {} : { shell };
  if (command !== undefined) return { kind: 'command', command, args: rest, ...chosen, login };
  if (rest.length > 0) return { kind: 'script', script: rest[0]!, args: rest.slice(1), ...chosen, login };
  return { kind: 'shell', ...chosen, login };
}

export const USAGE = `usage: conch [--shell PATH] [-l] [-c LINE [NAME ARGS...] | SCRIPT [ARGS...]]
       conch ask [--preset P] [--model M] [--base-url U] [QUESTION...]
       conch models [pull [PRESET] | rm PRESET] | conch log [--search TEXT] [ID] | conch log --clear | conch config --init | conch --help | conch --version`;

export const HELP = `conch: an interactive shell that works with language models

${USAGE}

  conch                 your shell (bash, zsh, fish or sh) with your rc files, conch's editor and prompt
  conch -c LINE         exactly <shell> -c LINE [NAME ARGS...]: same output, same exit status
  conch SCRIPT ARGS     exactly <shell> SCRIPT ARGS
  conch < script        exactly <shell> reading the script from stdin
  conch ask QUESTION    ask the configured model; piped stdin goes along (or is the question)
  conch models          list presets and the models each server offers (or whether an embedded model is here)
  conch models pull [P] download preset P's model (default: local, the built-in one) and the embedded engine
  conch models rm P     delete the model downloaded for preset P
  conch log             list (--search) logged exchanges; conch log ID shows one in full; --clear empties the log
  conch config --init   write a commented sample config file

options:
  -c LINE        run LINE in the shell and exit with its status
  --shell PATH   the shell to run (else [shell] program in config, else $SHELL
                 when it is bash, zsh or fish, else bash, else /bin/sh)
  -l, --login    a login shell: it reads your login files (also when argv[0] starts with -)
  -h, --help     show this help (after ask, models, log or config: that command's)
  -V, --version  show the version

files:
  $XDG_CONFIG_HOME/conch/config.toml   presets and settings (default ~/.config/conch)
  $XDG_STATE_HOME/conch/history        command history (default ~/.local/state/conch)
  $XDG_DATA_HOME/conch/models, engine  downloaded models and the embedded engine (default ~/.local/share/conch)`;
