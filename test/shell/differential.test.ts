import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import pty from '@lydell/node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutputCapture } from '../../src/shell/capture.ts';
import type { ShellKind } from '../../src/shell/index.ts';
import { closeSessions, installed, startShell } from '../helpers/shell-session.ts';
import { waitUntil } from '../helpers/wait.ts';

afterEach(closeSessions);

/**
 * The same lines typed into conch and into the shell itself. Each case is what a
 * person would type, one line at a time; conch must show what the shell shows
 * and end with the same status.
 */
const POSIX_CASES: Record<string, string[]> = {
  variables: ['x=1', 'y="$x two"', 'echo "$y"', 'unset x', 'echo "[${x-unset}]"', 'readonly r=5', 'r=6', 'echo "r=$r status=$?"'],
  functions: ['add() {', '  echo $(( $1 + $2 ))', '}', 'add 2 3', 'f() { return 4; }', 'f', 'echo "f gave $?"', 'add 1 "$(add 1 1)"'],
  aliases: ["alias hi='echo hello'", 'hi there', 'unalias hi', 'hi 2>/dev/null || echo "no alias now"'],
  options: ['set -u', 'echo "${missing:-default}"', 'set +u', 'set -o noglob', 'echo /*', 'set +o noglob', 'set -- a b c', 'echo "$# $2"'],
  traps: ["trap 'echo caught USR1' USR1", 'kill -USR1 $$', "trap - USR1", "trap 'echo bye' EXIT", 'echo before exit'],
  heredocs: ['name=world', 'cat <<EOF', 'hello $name', '  indented', 'EOF', "cat <<'EOF'", 'literal $name', 'EOF'],
  loops: ['for i in 1 2 3', 'do', '  if [ $i -eq 2 ]; then continue; fi', '  echo "i=$i"', 'done', 'n=0', 'while [ $n -lt 3 ]; do n=$((n + 1)); done; echo "n=$n"', 'case $n in', '  3) echo three;;', '  *) echo other;;', 'esac'],
  quotes: ["echo 'one", "two'", 'echo "a \\', 'b"', 'printf "%s|" a "b c" d; echo'],
  status: ['false', 'echo "after false: $?"', '! true', 'echo "negated: $?"', 'sh -c "exit 3"', 'echo "child: $?"'],
  jobs: ['sleep 0.2 &', 'wait $!', 'echo "waited $?"', '(exit 5) &', 'wait $!', 'echo "bg status $?"'],
  exitInCompound: ['echo start', 'if true; then', '  echo leaving', '  exit 7', 'fi', 'echo not-reached'],
  subshellAndCwd: ['cd /tmp', 'pwd', '(cd / && pwd)', 'pwd', 'cd - >/dev/null', 'test "$PWD" != /tmp && echo back'],
  umaskAndFds: ['umask 077', 'umask', 'exec 3>/dev/null', 'echo to-three >&3 && echo wrote', 'exec 3>&-'],
};

const FISH_CASES: Record<string, string[]> = {
  variables: ['set x 1', 'set -l y "$x two"', 'echo $y', 'set -e x', 'set -q x; or echo unset', 'set list a b c', 'echo $list[2] (count $list)'],
  functions: ['function add', '  math $argv[1] + $argv[2]', 'end', 'add 2 3', 'function f; return 4; end', 'f', 'echo "f gave $status"'],
  aliases: ["alias hi 'echo hello'", 'hi there'],
  heredocs: ["printf '%s\\n' 'line one' 'line two' | while read -l l", '  echo "got $l"', 'end'],
  loops: ['for i in 1 2 3', '  if test $i -eq 2', '    continue', '  end', '  echo "i=$i"', 'end', 'switch 3', '  case 3', '    echo three', 'end'],
  status: ['false', 'echo "after false: $status"', 'not true', 'echo "negated: $status"', 'sh -c "exit 3"', 'echo "child: $status"'],
  exitInCompound: ['echo start', 'if true', '  echo leaving', '  exit 7', 'end', 'echo not-reached'],
};

// The reference shell's prompt: no text of any case, taken out of its output.
const PROMPT = '@@conch-diff-prompt@@';

const SHELLS: { kind: ShellKind; path: string; cases: Record<string, string[]> }[] = [
  { kind: 'bash', path: '/bin/bash', cases: POSIX_CASES },
  { kind: 'zsh', path: '/usr/bin/zsh', cases: POSIX_CASES },
  { kind: 'sh', path: '/bin/sh', cases: POSIX_CASES },
  { kind: 'fish', path: '/usr/bin/fish', cases: FISH_CASES },
];

/**
 * What a person would read of it (a terminal emulator's view: fish's titles and
 * redraws are no text), with pids, which differ from run to run, and dash's line
 * numbers, which count the reference's set-up line, made comparable.
 */
async function normalize(text: string): Promise<string> {
  const capture = createOutputCapture({ maxLines: 1000, maxBytes: 1 << 20 });
  capture.push(Buffer.from(text));
  const { text: seen } = await capture.render({ cols: 200, rows: 50 });
  return seen
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/(\[\d+\]) \d+/g, '$1 PID')
    .replace(/^(\/bin\/sh: )\d+:/gm, '$1N:')
    .replace(/\n+$/, '');
}

async function throughConch(kind: ShellKind, path: string, home: string, lines: string[]): Promise<{ output: string; status: number }> {
  const { session, terminal } = await startShell(kind, path, { home });
  terminal.clear();
  const queue = [...lines, 'exit'];
  while (queue.length > 0) {
    const outcome = await session.submit(queue.shift()!, terminal, { readMore: () => Promise.resolve(queue.shift()) });
    if (outcome.kind === 'exited') break;
  }
  const exit = await session.exited;
  // The shell's own "exit" as it leaves (bash prints it on `exit`) is the shell's too; both sides print it.
  return { output: await normalize(terminal.text()), status: exit.status };
}

/** The shell itself, interactive in a PTY, the same lines typed one at a prompt, terminal echo off, prompts taken out. */
async function direct(kind: ShellKind, path: string, home: string, lines: string[]): Promise<{ output: string; status: number }> {
  const setup: Record<ShellKind, string[]> = {
    bash: ['--norc', '--noediting', '-i'],
    sh: ['-i'],
    zsh: ['-f', '+Z', '-i'],
    fish: [],
  };
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8', PS1: PROMPT, PS2: PROMPT, PROMPT, PROMPT2: PROMPT };
  const child = pty.spawn(path, setup[kind], { cols: 100, rows: 30, cwd: home, env, encoding: null });
  let output = '';
  let ended: number | undefined;
  child.onData((data) => (output += Buffer.from(data as unknown as Buffer).toString()));
  child.onExit(({ exitCode, signal }) => (ended = signal ? 128 + signal : exitCode));
  const prompts = () => output.split(PROMPT).length - 1;
  // Echo off first (and zsh's end-of-output mark), then the lines as a person types them: each at the
  // shell's next prompt, so none is read early by a command or dropped with an error's input.
  const prelude = kind === 'zsh' ? 'stty -echo; unsetopt prompt_sp prompt_cr' : 'stty -echo';
  // Quoted apart, so the echo of the typed line is not yet what is waited for.
  child.write(`${prelude}; echo RE''ADY\n`);
  await waitUntil(() => output.includes(`READY\r\n${PROMPT}`));
  output = '';
  for (const line of [...lines, 'exit']) {
    if (ended !== undefined) break;
    const before = prompts();
    child.write(`${line}\n`);
    if (line !== 'exit') await waitUntil(() => prompts() > before || ended !== undefined);
  }
  await waitUntil(() => ended !== undefined);
  return { output: await normalize(output.split(PROMPT).join('')), status: ended! };
}

/**
 * fish has no editor-free interactive mode to compare with: the reference is fish
 * running the lines as a script (so no job notices: session.test.ts has those).
 */
async function fishDirect(path: string, home: string, lines: string[]): Promise<{ output: string; status: number }> {
  const file = join(home, 'case.fish');
  writeFileSync(file, `${lines.join('\n')}\nexit\n`);
  const result = spawnSync(path, ['--no-config', file], { cwd: home, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' } });
  return { output: await normalize(`${result.stdout}${result.stderr}`), status: result.status ?? 128 };
}

describe.each(SHELLS)('differential: $kind through conch and directly', ({ kind, path, cases }) => {
  it.skipIf(!installed(path)).each(Object.entries(cases))('%s', async (_name, lines) => {
    const home = realpathSync(mkdtempSync(join(tmpdir(), 'conch-diff-')));
    const reference = kind === 'fish' ? await fishDirect(path, home, lines) : await direct(kind, path, home, lines);
    const viaConch = await throughConch(kind, path, home, lines);
    expect(viaConch).toEqual(reference);
  });
});
