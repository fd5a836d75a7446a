import pty from '@lydell/node-pty';
import { OLDPWD_CARRIER } from './shell-state.ts';

/**
 * The PTY's session leader is this small /bin/sh script, not the user's shell.
 * With `set -m` it runs the real command as a job in its own process group,
 * whose parent (this script) is in the same session: the group is then not
 * orphaned, so Ctrl-Z stops it exactly as in a normal terminal (the kernel
 * discards terminal stop signals sent to orphaned groups). When the job stops
 * the script says so with a marker and waits for conch to say `fg` or `bg`.
 *
 * Positional parameters: $1 shell, $2 wrapped line, $3 marker nonce, $4 "1" when
 * interactive. Its own stderr goes to /dev/null so dash's job notices
 * ("Terminated", "Stopped") never reach the screen: dash writes them to fd 2
 * while it waits, so the job must not be started with a redirection; the
 * wrapped line itself takes the real stderr back from fd 3.
 *
 * dash re-raises SIGINT on itself when a foreground job dies of it; the INT trap
 * keeps the script alive to report the status. A handled (not ignored) signal is
 * reset to the default in the job, so Ctrl-C still reaches the command.
 */
export const SUPERVISOR_SCRIPT = `exec 3>&2 2>/dev/null
[ "$4" = 1 ] || stty -onlcr -echo
trap 'conch_int=1' INT
trap 'conch_wake=1' USR1
set -m
"$1" -c "$2"
rc=$?
while kill -0 %1; do
  printf '\\033]6973;%s;wait\\007' "$3"
  IFS= read -r conch_cmd || break
  printf '\\033]6973;%s;resumed\\007' "$3"
  case $conch_cmd in
    fg) fg >/dev/null; rc=$? ;;
    bg) bg >/dev/null; wait; rc=$? ;;
  esac
done
printf '\\033]6973;%s;done;%s\\007' "$3" "$rc"
`;

/**
 * The line as the user's shell runs it: an EXIT trap first, so that however the
 * line ends (`exit 3` included) the shell writes its status, cwd and exported
 * environment to `stateFile` for the next line. env is called by absolute path
 * because the line may have broken PATH.
 */
export function wrapLine(options: { line: string; stateFile: string; envProgram: string; interactive: boolean }): string {
  const file = shellQuote(options.stateFile);
  const dump = `conch_rc=$?; { printf '%s\\0%s\\0' "$conch_rc" "$PWD"; ${options.envProgram} -0; } >${file} 2>/dev/null`;
  // Without a person at the keyboard every read of stdin is end-of-file, not a wait for keys that never come.
  const stdin = options.interactive ? '' : ' </dev/null';
  // zsh resets OLDPWD at start-up and its `cd -` ignores the variable anyway, so the
  // previous directory travels under another name (see childEnv) and is made the
  // shell's own previous directory by visiting it: the same in every shell.
  const carrier = OLDPWD_CARRIER;
  const oldpwd = `[ -z "\${${carrier}-}" ] || { cd -- "$${carrier}" 2>/dev/null && cd -- "$OLDPWD"; }; unset ${carrier}`;
  return `exec 2>&3 3>&-${stdin}; ${oldpwd}; trap ${shellQuote(dump)} EXIT\n${options.line}`;
}

export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface SupervisorOptions {
  shell: string;
  line: string;
  cwd: string;
  /** A new object (node-pty sanitizes, and so alters, only process.env itself). */
  env: Record<string, string>;
  cols: number;
  rows: number;
  interactive: boolean;
  /** Makes the in-band markers unforgeable by the command's own output. */
  nonce: string;
  stateFile: string;
  envProgram: string;
}

/** Starts the supervisor, and so the line, in a new PTY. Bytes both ways unchanged: Buffers out, no XON/XOFF handling. */
export function spawnSupervisor(options: SupervisorOptions): pty.IPty {
  const wrapped = wrapLine(options);
  return pty.spawn('/bin/sh', ['-c', SUPERVISOR_SCRIPT, 'conch', options.shell, wrapped, options.nonce, options.interactive ? '1' : '0'], {
    name: options.env.TERM || 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: options.cwd,
    env: options.env,
    encoding: null,
    handleFlowControl: false,
  });
}
