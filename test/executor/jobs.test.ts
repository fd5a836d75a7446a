import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * Prints `ready` from the very process that then waits, so a key typed on seeing
 * it reaches a program that is already waiting. After a shell's own `echo ready`
 * the key could land while dash forks the next command: dash defers a SIGINT then
 * (until the command ends), and a SIGTSTP that stops the child between vfork and
 * exec leaves dash stuck in vfork, never stopped, a hang a plain terminal has too.
 */
function readyThenSleep(seconds: number): string {
  return `perl -e '$| = 1; print "ready\\n"; select(undef, undef, undef, ${seconds})'`;
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
    const run = executor.run(`${readyThenSleep(100)}; echo NOT-REACHED`, terminal);
    await terminal.waitFor(/ready/);
    terminal.type('\x03');
    const outcome = await run;
    expect(outcome).toMatchObject({ kind: 'exited', record: { status: 130 } });
    expect(terminal.text()).not.toContain('NOT-REACHED');
  });

  it('Ctrl-Z stops the job, fg resumes it in the foreground, and it then finishes normally', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    const line = `${readyThenSleep(0.6)}; echo resumed-and-done`;
    const run = executor.run(line, terminal);
    await terminal.waitFor(/ready/);
    terminal.type('\x1a');
    const stopped = await run;
    expect(stopped).toEqual({ kind: 'stopped', job: { id: 1, line, state: 'stopped' } });
    expect(executor.jobs()).toEqual([{ id: 1, line, state: 'stopped' }]);
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
    const run = executor.run(`perl -e '$| = 1; while (1) { print "tick\\n"; select(undef, undef, undef, 0.1) }'`, terminal);
    await terminal.waitFor(/tick/);
    terminal.type('\x1a');
    expect((await run).kind).toBe('stopped');
    terminal.clear();
    const resumed = executor.foreground(1, terminal);
    // Ticking again: the job runs in the foreground and has the keyboard.
    await terminal.waitFor(/tick/);
    terminal.type('\x03');
    expect(await resumed).toMatchObject({ kind: 'exited', record: { status: 130 } });
  });

  it('bg continues a stopped job in the background; it finishes and leaves the job list', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    const marker = `${tmpdir()}/conch-bg-${process.pid}-${Date.now()}`;
    const run = executor.run(`${readyThenSleep(0.4)}; touch ${marker}`, terminal);
    await terminal.waitFor(/ready/);
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
    const pidFile = `${tmpdir()}/conch-hup-${process.pid}-${Date.now()}`;
    const run = executor.run(`sh -c 'echo $$ > ${pidFile}; echo ready; exec sleep 100'`, terminal);
    await terminal.waitFor(/ready/);
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
    const terminal = createFakeTerminal();
    const run = executor.run('seq 1 5000; echo ready; sleep 100', terminal, { signal: controller.signal });
    await terminal.waitFor(/ready/);
    controller.abort();
    const outcome = await run;
    expect(outcome).toMatchObject({ kind: 'exited', record: { status: 129, signal: 'SIGHUP' } });
    // Hung up, the supervisor cannot say `done`: conch's own drain sentinel still brings back every byte.
    if (outcome.kind === 'exited') expect(outcome.record.output.split('\n').slice(-2)).toEqual(['5000', 'ready']);
    await expect(executor.run('true', terminal, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('hangup also ends what `cmd &` left running after its line ended', async () => {
    const executor = setup();
    const pidFile = `${tmpdir()}/conch-amp-${process.pid}-${Date.now()}`;
    expect((await executor.run(`sleep 100 & echo $! > ${pidFile}`, createFakeTerminal())).kind).toBe('exited');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(alive(pid)).toBe(true);
    executor.hangup();
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
    expect(alive(pid)).toBe(false);
  });

  it('hangup also ends the line running in the foreground', async () => {
    const executor = setup();
    const terminal = createFakeTerminal();
    const run = executor.run('echo ready; sleep 100', terminal);
    await terminal.waitFor(/ready/);
    executor.hangup();
    expect(await run).toMatchObject({ kind: 'exited', record: { status: 129 } });
  });

  it.skipIf(!existsSync('/usr/bin/vim'))('Ctrl-Z suspends vim itself (raw mode), fg brings it back, :wq saves', async () => {
    const executor = setup();
    const terminal = createFakeTerminal({ cols: 80, rows: 24 });
    const file = `${tmpdir()}/conch-vim-${process.pid}-${Date.now()}.txt`;
    const run = executor.run(`vim -u NONE -N -n ${file}`, terminal);
    await terminal.waitFor(/\[New\]/);
    terminal.type('ihello from vim\x1b');
    await terminal.waitFor(/hello from vim/);
    terminal.type('\x1a');
    expect(await run).toMatchObject({ kind: 'stopped', job: { id: 1 } });
    terminal.clear();
    const resumed = executor.foreground(1, terminal);
    await terminal.waitFor(/hello from vim/);
    terminal.type(':wq\r');
    expect(await resumed).toMatchObject({ kind: 'exited', record: { status: 0, fullscreen: true, output: '' } });
    expect(readFileSync(file, 'utf8')).toBe('hello from vim\n');
  });
});
