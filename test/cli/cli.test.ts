import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CONCH = resolve('bin/conch.js');

function conch(args: string[], options: { input?: string; home?: string; cwd?: string } = {}) {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'conch-cli-'));
  const result = spawnSync(process.execPath, [CONCH, ...args], {
    input: options.input ?? '',
    cwd: options.cwd ?? home,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state'), LANG: 'C.UTF-8' },
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

  it('rejects an unknown option with usage on stderr and status 2', () => {
    const result = conch(['--frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^conch: unknown option --frobnicate\nusage: conch/);
  });

  it('runs -c LINE and exits with its status', () => {
    const result = conch(['-c', 'echo out; echo err >&2; exit 3']);
    expect(result.status).toBe(3);
    expect(result.stdout).toContain('out\n');
    expect(result.stdout).not.toContain('\r');
  });

  it('gives 127 for a missing command and 128+N with the signal name when killed', () => {
    expect(conch(['-c', 'no-such-command-xyz']).status).toBe(127);
    const killed = conch(['-c', 'kill -TERM $$']);
    expect(killed.status).toBe(143);
    expect(killed.stderr).toMatch(/terminated by SIGTERM/);
  });

  it('runs a script from stdin with state persisting between lines, like sh < script', () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-cli-'));
    mkdirSync(join(home, 'build'));
    writeFileSync(join(home, 'env.sh'), 'export FROM_SOURCE=sourced\n');
    const script = [
      'cd build && echo in-build',
      'pwd',
      'export GREETING=hello',
      'echo "$GREETING"',
      '. ../env.sh',
      'echo "$FROM_SOURCE"',
      'unset GREETING',
      'echo "[${GREETING:-unset}]"',
      'echo "multi',
      'line"',
      'exit 4',
      'echo not-reached',
    ].join('\n');
    const result = conch([], { input: script, home });
    expect(result.status).toBe(4);
    expect(result.stdout.split('\n')).toEqual([
      'in-build',
      join(realpathSync(home), 'build'),
      'hello',
      'sourced',
      '[unset]',
      'multi',
      'line',
      '',
    ]);
  });
});
