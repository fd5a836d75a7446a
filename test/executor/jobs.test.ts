import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createExecutor, type Executor } from '../../src/executor/index.ts';
import { createFakeTerminal } from '../helpers/fake-terminal.ts';

const executors: Executor[] = [];
afterEach(() => {
  for (const executor of executors.splice(0)) executor.hangup();
});

function setup() {
  const executor = createExecutor({ shell: '/bin/sh', cwd: process.cwd(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp', TERM: 'xterm' } });
  executors.push(executor);
  return executor;
}

function alive(pid: number): boolean {
  try {
    // PID 1 here does not reap orphans: a zombie counts as gone.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('executor: interrupting and job control', () => {
  it('Ctrl-C interrupts the command (status 130) and nothing after it in the line runs', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    const run = executor.run('sleep 100; echo NOT-REACHED', terminal);
    await new Promise((r) => setTimeout(r, 300));
    terminal.type('\x03');
    const outcome = await run;
    expect(outcome).toMatchObject({ kind: 'exited', record: { status: 130 } });
    expect(terminal.text()).not.toContain('NOT-REACHED');
  });

  it('Ctrl-Z stops the job, fg resumes it in the foreground, and it then finishes normally', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    const run = executor.run('sleep 0.6; echo resumed-and-done', terminal);
    await new Promise((r) => setTimeout(r, 200));
    terminal.type('\x1a');
    const stopped = await run;
    expect(stopped).toEqual({ kind: 'stopped', job: { id: 1, line: 'sleep 0.6; echo resumed-and-done', state: 'stopped' } });
    expect(executor.jobs()).toEqual([{ id: 1, line: 'sleep 0.6; echo resumed-and-done', state: 'stopped' }]);
    // Stopped means stopped: time passes and nothing is printed.
    await new Promise((r) => setTimeout(r, 800));
    expect(terminal.text()).not.toContain('resumed-and-done');
    const resumed = await executor.foreground(undefined, terminal);
    expect(resumed).toMatchObject({ kind: 'exited', record: { status: 0 } });
    expect(terminal.text()).toContain('resumed-and-done');
    expect(executor.jobs()).toEqual([]);
  });

  it('Ctrl-Z, then Ctrl-C after fg, ends the job with 130', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    const run = executor.run('sleep 100', terminal);
    await new Promise((r) => setTimeout(r, 200));
    terminal.type('\x1a');
    expect((await run).kind).toBe('stopped');
    const resumed = executor.foreground(1, terminal);
    await new Promise((r) => setTimeout(r, 200));
    terminal.type('\x03');
    expect(await resumed).toMatchObject({ kind: 'exited', record: { status: 130 } });
  });

  it('bg continues a stopped job in the background; it finishes and leaves the job list', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    const marker = `/tmp/conch-bg-${process.pid}-${Date.now()}`;
    const run = executor.run(`sleep 0.4; touch ${marker}`, terminal);
    await new Promise((r) => setTimeout(r, 150));
    terminal.type('\x1a');
    expect((await run).kind).toBe('stopped');
    expect(executor.background(undefined)).toMatchObject({ id: 1, state: 'running' });
    for (let i = 0; i < 100 && executor.jobs().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(marker)).toBe(true);
    expect(executor.jobs()).toEqual([]);
  });

  it('fg and bg name a missing job in a typed error', async () => {
    const executor = setup();
    await expect(executor.foreground(3, createFakeTerminal())).rejects.toMatchObject({ name: 'JobError', message: 'fg: %3: no such job' });
    expect(() => executor.background(undefined)).toThrow('bg: no current job');
  });

  it('hangup ends stopped jobs', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    const pidFile = `/tmp/conch-hup-${process.pid}-${Date.now()}`;
    const run = executor.run(`sh -c 'echo $$ > ${pidFile}; exec sleep 100'`, terminal);
    await new Promise((r) => setTimeout(r, 300));
    terminal.type('\x1a');
    expect((await run).kind).toBe('stopped');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(alive(pid)).toBe(true);
    executor.hangup();
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
    expect(alive(pid)).toBe(false);
  });

  it('an AbortSignal ends the running command', async () => {
    const executor = setup();
    const controller = new AbortController();
    const run = executor.run('sleep 100', createFakeTerminal(), { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    const outcome = await run;
    expect(outcome.kind).toBe('exited');
    if (outcome.kind === 'exited') expect(outcome.record.status).toBeGreaterThan(128);
  });
});
