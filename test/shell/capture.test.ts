import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSessions, startShell } from '../helpers/shell-session.ts';
import { createFakeTerminal } from '../helpers/fake-terminal.ts';

afterEach(closeSessions);

async function setup(capture?: { maxLines: number; maxBytes: number }, recordLimit?: number) {
  const started = await startShell('bash', '/bin/bash', { home: realpathSync(tmpdir()), ...(capture ? { capture } : {}), ...(recordLimit ? { recordLimit } : {}) });
  return started;
}

async function record(started: Awaited<ReturnType<typeof setup>>, line: string, terminal = createFakeTerminal()) {
  const outcome = await started.session.run(line, terminal);
  if (outcome.kind !== 'finished') throw new Error(`${line}: ${outcome.kind}`);
  return outcome.record;
}

describe('shell session: output capture for the model', () => {
  it('keeps the text a person saw: progress bars and cursor movement collapse to the final text', async () => {
    const started = await setup();
    const before = Date.now();
    const r = await record(started, "printf 'fetch 10%%\\rfetch 55%%\\rfetch 100%%\\n'; printf 'abcdef\\033[3Dxyz\\n'; printf '\\033[31mred\\033[0m\\n'; sleep 0.2");
    expect(r.output).toBe('fetch 100%\nabcxyz\nred');
    expect(r).toMatchObject({ line: expect.stringContaining('fetch'), cwd: realpathSync(tmpdir()), status: 0, outputTruncated: false, fullscreen: false });
    // The duration is the command's own: it slept 200 ms.
    expect(r.durationMs).toBeGreaterThanOrEqual(200);
    expect(r.startedAt).toBeGreaterThanOrEqual(before);
  });

  it('bounds what it keeps to the configured tail and says it cut', async () => {
    const started = await setup({ maxLines: 50, maxBytes: 4096 });
    const r = await record(started, 'seq 1 100000');
    expect(r.outputTruncated).toBe(true);
    const lines = r.output.split('\n');
    expect(lines.length).toBeLessThanOrEqual(50);
    expect(lines[lines.length - 1]).toBe('100000');
    expect(lines[lines.length - 2]).toBe('99999');
  });

  it('skips full-screen programs and turns off the modes they left on', async () => {
    const started = await setup();
    const terminal = createFakeTerminal();
    const r = await record(started, "printf '\\033[?1049h\\033[?25l\\033[?1000hSCREEN'", terminal);
    expect(r.fullscreen).toBe(true);
    expect(r.output).toBe('');
    const text = terminal.text();
    const after = text.slice(text.indexOf('SCREEN'));
    expect(after).toContain('\x1b[?1049l');
    expect(after).toContain('\x1b[?25h');
    expect(after).toContain('\x1b[?1000l');
  });

  it('does not undo modes a program already turned off itself', async () => {
    const started = await setup();
    const terminal = createFakeTerminal();
    await record(started, "printf '\\033[?25l\\033[?25hEND'", terminal);
    expect(terminal.text().slice(terminal.text().indexOf('END'))).toBe('END');
  });

  it('keeps the most recent records, oldest first, bounded', async () => {
    const started = await setup(undefined, 3);
    for (const n of [1, 2, 3, 4]) await record(started, `echo ${n}`);
    expect(started.session.records.map((r) => r.output)).toEqual(['2', '3', '4']);
  });
});
