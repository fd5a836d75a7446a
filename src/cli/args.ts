/** What the command line asked for. */
export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'subcommand'; name: Subcommand; args: string[] }
  /**
   * The interactive shell; or, stdin not a terminal (or options for the shell, or `-s` words), the shell
   * reading commands from stdin, `args` its positional parameters.
   */
  | { kind: 'shell'; shell?: string; login: boolean; flags: string[]; args: string[] }
  /** `conch -c LINE [NAME ARGS...]`: the shell's own -c, $0 and $1... as it sets them. */
  | { kind: 'command'; command: string; args: string[]; shell?: string; login: boolean; flags: string[] }
  /** `conch SCRIPT [ARGS...]`. */
  | { kind: 'script'; script: string; args: string[]; shell?: string; login: boolean; flags: string[] }
  | { kind: 'usage-error'; message: string };

export type Subcommand = 'ask' | 'models' | 'config' | 'log';
const SUBCOMMANDS = new Set<string>(['ask', 'models', 'config', 'log']);

/**
 * Read as sh reads its own: options, bundled or not (`-ilc`, `-eo pipefail`,
 * `+x`), until the first other word. `-c` is a flag: that word is the command
 * and the rest are $0 and its arguments; with `-s`, or no word, commands come
 * from stdin and the words are $1...; otherwise the first word is a script.
 * `-l` and `--login` make a login shell, as does an `argv0` starting with `-`
 * (login(1), sshd); `-i` and the shell's other single-letter options go to the
 * shell (`flags`); `-h` and `-V` alone are conch's help and version.
 */
export function parseArgs(argv: readonly string[], argv0 = ''): Invocation {
  const first = argv[0];
  if (first !== undefined && SUBCOMMANDS.has(first)) {
    return { kind: 'subcommand', name: first as Subcommand, args: argv.slice(1) };
  }
  let command = false;
  let shell: string | undefined;
  let login = argv0.startsWith('-');
  const flags: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--' || arg === '-') {
      i++;
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-V' || arg === '--version') return { kind: 'version' };
    if (arg === '--login') {
      login = true;
      continue;
    }
    if (arg === '--shell') {
      shell = argv[++i];
      if (shell === undefined) return { kind: 'usage-error', message: 'option --shell needs a value' };
      continue;
    }
    if (arg.startsWith('--shell=')) {
      shell = arg.slice('--shell='.length);
      continue;
    }
    if (!/^[-+][a-zA-Z]+$/.test(arg)) {
      if (/^[-+]./.test(arg)) return { kind: 'usage-error', message: `unknown option ${arg}` };
      break;
    }
    const sign = arg[0]!;
    for (const letter of arg.slice(1)) {
      if (sign === '-' && letter === 'l') login = true;
      else if (sign === '-' && letter === 'c') command = true;
      else if (letter === 'o') {
        // `-o NAME` / `+o NAME` (pipefail, errexit...): the name is the next word.
        const name = argv[++i];
        if (name === undefined) return { kind: 'usage-error', message: `option ${sign}o needs a value` };
        flags.push(`${sign}o`, name);
      } else flags.push(`${sign}${letter}`);
    }
  }
  const rest = argv.slice(i);
  const chosen = shell === undefined ? {} : { shell };
  if (command) {
    if (rest.length === 0) return { kind: 'usage-error', message: 'option -c needs a command' };
    return { kind: 'command', command: rest[0]!, args: rest.slice(1), ...chosen, login, flags };
  }
  if (rest.length > 0 && !flags.includes('-s')) return { kind: 'script', script: rest[0]!, args: rest.slice(1), ...chosen, login, flags };
  return { kind: 'shell', ...chosen, login, flags, args: rest };
}

export const USAGE = `usage: conch [--shell PATH] [-il] [-eux... | -o OPTION] [-c LINE [NAME ARGS...] | -s [ARGS...] | SCRIPT [ARGS...]]
       conch ask [--preset P] [--model M] [--base-url U] [QUESTION...]
       conch models [pull [PRESET] | rm PRESET] | conch log [--search TEXT] [ID] | conch log --clear | conch config --init | conch config --path | conch --help | conch --version`;

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
  conch config --path   print where the config file is read from

options (bundled as the shells take them: -ilc, -ec):
  -c LINE        run LINE in the shell and exit with its status
  -s ARGS        read commands from stdin, ARGS as $1...
  --shell PATH   the shell to run (else [shell] program in config, else $SHELL
                 when it is bash, zsh or fish, else bash, else /bin/sh)
  -l, --login    a login shell: it reads your login files (also when argv[0] starts with -)
  -i, -e, -x, -o OPTION, +x ...
                 the shell's own options: with -c, -s, a script or stdin, passed to it
  -h, --help     show this help (after ask, models, log or config: that command's)
  -V, --version  show the version

files:
  $XDG_CONFIG_HOME/conch/config.toml   presets and settings (default ~/.config/conch)
  $XDG_STATE_HOME/conch/history        command history (default ~/.local/state/conch)
  $XDG_DATA_HOME/conch/models, engine  downloaded models and the embedded engine (default ~/.local/share/conch)`;
