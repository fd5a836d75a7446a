import { afterEach, describe, expect, it } from 'vitest';
import { createExecutor, type Executor } from '../../src/executor/index.ts';
import { createFakeTerminal } from '../helpers/fake-terminal.ts';

const executors: Executor[] = [];
afterEach(() => {
  for (const executor of executors.splice(0)) executor.hangup();
});

function setup(capture?: { maxLines: number; maxBytes: number }) {
  const executor = createExecutor({ shell: '/bin/sh', cwd: '/tmp', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp', TERM: 'xterm' }, ...(capture ? { capture } : {}) });
  executors.push(executor);
  return executor;
}

async function record(executor: Executor, line: string, terminal = createFakeTerminal()) {
  const outcome = await executor.run(line, terminal);
  if (outcome.kind !== 'exited') throw new Error('stopped');
  return outcome.record;
}

describe('executor: output capture for the model', () => {
  it('keeps the text a person saw: progress bars and cursor movement collapse to the final text', async () => {
    const executor = setup();
    const r = await record(executor, "printf 'fetch 10%%\\rfetch 55%%\\rfetch 100%%\\n'; printf 'abcdef\\033[3Dxyz\\n'; printf '\\033[31mred\\033[0m\\n'");
    expect(r.output).toBe('fetch 100%\nabcxyz\nred');
    expect(r).toMatchObject({ line: expect.stringContaining('fetch'), cwd: '/tmp', status: 0, outputTruncated: false, fullscreen: false });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.startedAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('bounds what it keeps to the configured tail and says it cut', async () => {
    const executor = setup({ maxLines: 50, maxBytes: 4096 });
    const r = await record(executor, 'seq 1 100000');
    expect(r.outputTruncated).toBe(true);
    const lines = r.output.split('\n');
    expect(lines.length).toBeLessThanOrEqual(50);
    expect(lines[lines.length - 1]).toBe('100000');
    expect(lines[lines.length - 2]).toBe('99999');
  });

  it('skips full-screen programs and turns off the modes they left on', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    const r = await record(executor, "printf '\\033[?1049h\\033[?25l\\033[?1000hSCREEN'", terminal);
    expect(r.fullscreen).toBe(true);
    expect(r.output).toBe('');
    const text = terminal.text();
    const after = text.slice(text.indexOf('SCREEN'));
    expect(after).toContain('\x1b[?1049l');
    expect(after).toContain('\x1b[?25h');
    expect(after).toContain('\x1b[?1000l');
  });

  it('does not undo modes a program already turned off itself', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    await record(executor, "printf '\\033[?25l\\033[?25hEND'", terminal);
    expect(terminal.text().slice(terminal.text().indexOf('END'))).toBe('END');
  });

  it('keeps the most recent records, oldest first, bounded', async () => {
    const executor = createExecutor({ shell: '/bin/sh', cwd: '/tmp', env: { PATH: process.env.PATH ?? '' }, recordLimit: 3 });
    executors.push(executor);
    for (const n of [1, 2, 3, 4]) await record(executor, `echo ${n}`);
    expect(executor.records.map((r) => r.output)).toEqual(['2', '3', '4']);
  });
});
