import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CONCH = resolve('bin/conch.js');

function conch(args: string[], options: { input?: string; home?: string; cwd?: string; env?: Record<string, string> } = {}) {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'conch-cli-'));
  const result = spawnSync(process.execPath, [CONCH, ...args], {
    input: options.input ?? '',
    cwd: options.cwd ?? home,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state'), LANG: 'C.UTF-8', ...options.env },
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, home };
}

describe('conch command line', () => {
  it('prints help and version', () => {
    const help = conch(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/usage: conch/);
    expect(help.stdout).toMatch(/conch ask/);
    const version = conch(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^conch \d+\.\d+\.\d+\n$/);
  });

  it('--help and -h after a subcommand print its usage on stdout, status 0', () => {
    for (const args of [['ask', '--help'], ['ask', '--preset', 'cloud', '-h'], ['log', '--help'], ['log', '--clear', '-h'], ['models', '--help'], ['models', 'pull', '--help'], ['config', '-h']]) {
      const result = conch(args);
      expect(result, args.join(' ')).toMatchObject({ status: 0, stderr: '' });
      expect(result.stdout, args.join(' ')).toMatch(new RegExp(`^usage: conch ${args[0]} [^\\n]*\\n(.*\\n)*  -h, --help +show this help\\n$`));
    }
    // In a question, after its first word, -h is the question's own.
    // (A server that is not there, so that nothing on this machine is probed or asked.)
    const asked = conch(['ask', 'what', 'does', '-h', 'mean'], { input: '', env: { CONCH_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(asked).toMatchObject({ status: 1, stdout: '' });
    expect(asked.stderr).toMatch(/^conch: cannot reach snappy/);
  });

  it('rejects an unknown option with usage on stderr and status 2', () => {
    const result = conch(['--frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^conch: unknown option --frobnicate\nusage: conch/);
  });

  it('-c LINE [NAME ARGS] is the shell itself: same stdout, stderr and status, byte for byte', () => {
    const line = 'echo "$0:$1"; printf "no newline"; ls /nonexistent-conch; exit 3';
    const viaConch = conch(['-c', line, 'name', 'one']);
    const direct = spawnSync('bash', ['-c', line, 'name', 'one'], { encoding: 'utf8', cwd: viaConch.home, env: { PATH: process.env.PATH, HOME: viaConch.home, LANG: 'C.UTF-8' } });
    expect(viaConch).toMatchObject({ status: 3, stdout: direct.stdout, stderr: direct.stderr });
    expect(viaConch.stdout).toBe('name:one\nno newline');
    // No PTY: output into a pipe is not a terminal, as for the shell itself.
    expect(conch(['-c', 'test -t 1 && echo tty || echo pipe']).stdout).toBe('pipe\n');
  });

  it('gives 127 for a missing command, and dies of the signal that killed the shell', () => {
    expect(conch(['-c', 'no-such-command-xyz']).status).toBe(127);
    const home = mkdtempSync(join(tmpdir(), 'conch-cli-'));
    const killed = spawnSync(process.execPath, [CONCH, '-c', 'kill -TERM $$'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home } });
    expect(killed).toMatchObject({ status: null, signal: 'SIGTERM', stdout: '', stderr: '' });
  });

  it('conch < script and conch SCRIPT ARGS run it through the shell, constructs and state whole', () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-cli-'));
    mkdirSync(join(home, 'build'));
    const script = [
      'cd build && echo in-build',
      'pwd',
      'x=1',
      'if false; then',
      '  echo SHOULD-NOT-RUN',
      'fi',
      'greet() { echo "hi $1"; }',
      'greet "$x"',
      'for i in 1 2',
      'do echo "n$i"',
      'done',
      'cat <<EOF',
      'heredoc $x',
      'EOF',
      'trap "echo bye" EXIT',
      'exit 4',
      'echo not-reached',
    ].join('\n');
    const expected = ['in-build', join(realpathSync(home), 'build'), 'hi 1', 'n1', 'n2', 'heredoc 1', 'bye', ''].join('\n');
    expect(conch([], { input: script, home })).toMatchObject({ status: 4, stdout: expected, stderr: '' });
    writeFileSync(join(home, 'script.sh'), `echo "args:$1,$2"\n${script}`);
    expect(conch(['script.sh', 'a', 'b'], { home })).toMatchObject({ status: 4, stdout: `args:a,b\n${expected}` });
  });

  it('is a login shell with -l, or when started as -conch (argv[0]), as login(1) and sshd start one', () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-cli-'));
    const check = 'shopt -q login_shell && echo login || echo not-login';
    const run = (args: string[], argv0?: string) =>
      spawnSync(process.execPath, [CONCH, ...args], { encoding: 'utf8', cwd: home, env: { PATH: process.env.PATH, HOME: home, SHELL: '/bin/bash' }, ...(argv0 ? { argv0 } : {}) }).stdout;
    expect(run(['-c', check])).toBe('not-login\n');
    expect(run(['-l', '-c', check])).toBe('login\n');
    expect(run(['-c', check], '-conch')).toBe('login\n');
  });

  it('leaves no temporary files behind', () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'conch-tmp-'));
    const result = spawnSync(process.execPath, [CONCH, '-c', 'true'], { env: { PATH: process.env.PATH, HOME: sandbox, TMPDIR: sandbox } });
    expect(result.status).toBe(0);
    expect(readdirSync(sandbox)).toEqual([]);
  });
});
