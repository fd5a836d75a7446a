import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExecutor, type Executor } from '../../src/executor/index.ts';
import { createFakeTerminal } from '../helpers/fake-terminal.ts';

const executors: Executor[] = [];
afterEach(() => {
  for (const executor of executors.splice(0)) executor.hangup();
});

function setup(shell = '/bin/sh', interactive = true) {
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'conch-exec-')));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
  const executor = createExecutor({ shell, cwd: home, env, interactive });
  executors.push(executor);
  return { executor, terminal: createFakeTerminal(), home };
}

async function exited(executor: Executor, line: string, terminal = createFakeTerminal()) {
  const outcome = await executor.run(line, terminal);
  if (outcome.kind !== 'exited') throw new Error(`expected ${line} to exit, it ${outcome.kind}`);
  return outcome.record;
}

describe('executor: exit status', () => {
  it('reports the exit code, 127 for a missing command, and 128+N with the name for a signal', async () => {
    const { executor } = setup();
    expect((await exited(executor, 'exit 7')).status).toBe(7);
    expect((await exited(executor, 'true')).status).toBe(0);
    expect((await exited(executor, 'no-such-command-conch')).status).toBe(127);
    const killed = await exited(executor, 'kill -TERM $$');
    expect(killed).toMatchObject({ status: 143, signal: 'SIGTERM' });
    expect(await exited(executor, 'sleep 5 & kill -KILL $!; wait $!')).toMatchObject({ status: 137, signal: 'SIGKILL' });
  });

  it('passes every byte through, invalid UTF-8 and control bytes included', async () => {
    const { executor, terminal } = setup();
    await exited(executor, "printf '\\377\\376ok\\001\\200\\n'", terminal);
    const out = terminal.output();
    expect(out.includes(Buffer.from([0xff, 0xfe, 0x6f, 0x6b, 0x01, 0x80, 0x0d, 0x0a]))).toBe(true);
  });
});

describe('executor: shell state persists', () => {
  // zsh is optional here (CI installs it): its `cd -` needs the OLDPWD hand-over the other shells do not.
  for (const shell of ['/bin/sh', '/bin/bash', '/usr/bin/zsh']) {
    it.skipIf(!existsSync(shell))(`keeps cd, cd -, bare cd, ~, export, unset and source across lines (${shell})`, async () => {
      const { executor, home } = setup(shell);
      mkdirSync(join(home, 'build/deep'), { recursive: true });
      writeFileSync(join(home, 'activate'), 'export VIRTUAL_ENV=/venv\nPATH="/venv/bin:$PATH"\nexport PATH\n');
      await exited(executor, 'cd build && true');
      expect(executor.state.cwd).toBe(join(home, 'build'));
      await exited(executor, 'cd deep; export GREETING="hello world"; A=1; export A');
      expect(executor.state.cwd).toBe(join(home, 'build/deep'));
      expect(executor.state.env).toMatchObject({ GREETING: 'hello world', A: '1' });
      await exited(executor, 'cd -');
      expect(executor.state.cwd).toBe(join(home, 'build'));
      await exited(executor, 'cd');
      expect(executor.state.cwd).toBe(home);
      await exited(executor, 'cd ~/build/deep');
      expect(executor.state.cwd).toBe(join(home, 'build/deep'));
      await exited(executor, 'unset GREETING');
      expect(executor.state.env.GREETING).toBeUndefined();
      await exited(executor, `. ${join(home, 'activate')}`);
      expect(executor.state.env.VIRTUAL_ENV).toBe('/venv');
      expect(executor.state.env.PATH?.startsWith('/venv/bin:')).toBe(true);
      const terminal = createFakeTerminal();
      await exited(executor, 'echo "$A:$VIRTUAL_ENV:$PWD"', terminal);
      expect(terminal.text()).toContain(`1:/venv:${join(home, 'build/deep')}\r\n`);
    });
  }

  it('keeps state when the line calls exit N inside a compound line', async () => {
    const { executor, home } = setup();
    mkdirSync(join(home, 'sub'));
    const record = await exited(executor, 'cd sub && export LEFT=yes && exit 4');
    expect(record.status).toBe(4);
    expect(executor.state.cwd).toBe(join(home, 'sub'));
    expect(executor.state.env.LEFT).toBe('yes');
  });

  it('survives a line that breaks PATH and a cwd that was removed', async () => {
    const { executor, home } = setup();
    mkdirSync(join(home, 'gone'));
    await exited(executor, 'cd gone && export PATH=/nonexistent');
    expect(executor.state.env.PATH).toBe('/nonexistent');
    await exited(executor, 'export PATH=/usr/bin:/bin; rmdir "$PWD"');
    expect(executor.state.cwd).toBe(join(home, 'gone'));
    // The directory is gone: the next line starts in its nearest existing parent.
    const record = await exited(executor, 'pwd');
    expect(record).toMatchObject({ status: 0, output: home });
  });

  it('without a person at the keyboard (interactive: false) stdin is end-of-file and output keeps bare LFs', async () => {
    const { executor, terminal } = setup('/bin/sh', false);
    const record = await exited(executor, 'cat; read x; echo "after:$?"; printf "a\\nb\\n"', terminal);
    expect(record).toMatchObject({ status: 0, output: 'after:1\na\nb' });
    expect(terminal.text()).toBe('after:1\na\nb\n');
  });
});

describe('executor: no output is lost', () => {
  it('relays 99 MB without memory growing with it (capture keeps a bounded tail)', async () => {
    const { executor } = setup();
    // Discards what it gets, as a fast terminal would: only conch's own memory is measured.
    const terminal = { ...createFakeTerminal(), write: () => {} };
    await exited(executor, 'true', terminal);
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const record = await exited(executor, "head -c 99000000 /dev/zero | tr '\\0' a | fold -w 99", terminal);
    clearInterval(sampler);
    expect(record).toMatchObject({ status: 0, outputTruncated: true });
    expect(record.output.split('\n')).toHaveLength(2000);
    expect(record.output.endsWith('a'.repeat(99))).toBe(true);
    expect((peak - before) / 2 ** 20).toBeLessThan(64);
  }, 120_000);

  it('delivers all of a large, fast-exiting output every time (300 runs, some concurrent)', async () => {
    const { executor } = setup();
    const expected = Array.from({ length: 20000 }, (_, i) => `${i + 1}\r\n`).join('');
    let short = 0;
    for (let i = 0; i < 200; i++) {
      const terminal = createFakeTerminal();
      await exited(executor, 'seq 1 20000', terminal);
      if (terminal.text() !== expected) short++;
    }
    // Four executors at once, as four conch windows would be.
    const others = Array.from({ length: 4 }, () => setup().executor);
    await Promise.all(
      others.map(async (other) => {
        for (let i = 0; i < 25; i++) {
          const terminal = createFakeTerminal();
          await exited(other, 'seq 1 20000', terminal);
          if (terminal.text() !== expected) short++;
        }
      }),
    );
    expect(short).toBe(0);
  }, 180_000);
});
