import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CONCH = resolve('bin/conch.js');

function run(program: string[], args: string[], options: { input?: string; home?: string } = {}) {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'conch-cli-'));
  const result = spawnSync(program[0]!, [...program.slice(1), ...args], {
    input: options.input ?? '',
    cwd: home,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home, SHELL: '/bin/bash', XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state'), LANG: 'C.UTF-8' },
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const conch = (args: string[], options?: { input?: string; home?: string }) => run([process.execPath, CONCH], args, options);
const bash = (args: string[], options?: { input?: string; home?: string }) => run(['/bin/bash'], args, options);

describe('conch as a login shell, run the way IDEs, editors and sshd run $SHELL', () => {
  it('$SHELL -ilc reads the login files and runs the command in an interactive shell', () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-cli-'));
    writeFileSync(join(home, '.profile'), 'export FROM_PROFILE=yes\n');
    for (const args of [['-ilc', 'echo "$FROM_PROFILE:$-"'], ['-i', '-l', '-c', 'echo "$FROM_PROFILE:$-"']]) {
      const result = conch(args, { home });
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).toMatch(/^yes:\w*i\w*\n$/);
    }
    expect(conch(['-lc', 'shopt -q login_shell && echo login'], { home }).stdout).toBe('login\n');
    expect(conch(['-ic', 'echo "$-"'], { home }).stdout).toMatch(/i/);
  });

  it('passes the shell’s own options on, bundled or not: the same output and status as bash given them', () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-cli-'));
    const cases = [['-ec', 'false; echo NOT-REACHED'], ['-xc', 'echo traced'], ['-u', '-c', 'echo "$UNSET_VAR"'], ['-o', 'pipefail', '-c', 'false | true'], ['-eo', 'pipefail', '-c', 'echo "$-"'], ['+B', '-c', 'echo {a,b}']];
    for (const args of cases) expect(conch(args, { home }), args.join(' ')).toEqual(bash(args, { home }));
    expect(conch(['-ec', 'false; echo NOT-REACHED'], { home })).toMatchObject({ status: 1, stdout: '' });
  });

  it('reads commands from stdin with -s, the words after it as $1…', () => {
    expect(conch(['-s', 'first', 'second'], { input: 'echo "$1-$2"\n' })).toMatchObject({ status: 0, stdout: 'first-second\n' });
  });

  it('a --shell that does not exist fails before anything runs, in one line, with 127', () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-cli-'));
    const result = conch(['--shell', '/nonexistent', '-c', 'echo hi > ran.txt; echo hi'], { home });
    expect(result).toMatchObject({ status: 127, stdout: '' });
    expect(result.stderr).toBe('conch: --shell /nonexistent: no such program\n');
    expect(existsSync(join(home, 'ran.txt'))).toBe(false);
  });
});
