import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutputCapture, type OutputCapture } from '../shell/capture.ts';
import { JobError } from './errors.ts';
import { groupsBySession, signalGroups } from '../shell/process-groups.ts';
import { PtySession } from './pty-session.ts';
import { finishRecord, type RecordStart } from '../shell/record.ts';
import { childEnv, existingCwd, readStateDump } from './shell-state.ts';
import type { CommandRecord, ExecutorOptions, Job, RunOutcome, ShellState, Terminal } from './types.ts';

export interface Executor {
  /** cwd and environment after the last line. */
  readonly state: ShellState;
  /** The most recent command records, oldest first, bounded. */
  readonly records: readonly CommandRecord[];
  /** Runs one line in a fresh PTY. Throws the signal's reason if it is already aborted; an abort later hangs the line up. */
  run(line: string, terminal: Terminal, options?: { signal?: AbortSignal }): Promise<RunOutcome>;
  jobs(): readonly Job[];
  /** `fg [%N]`: the most recent job when no id is given. Throws JobError for no such job. */
  foreground(jobId: number | undefined, terminal: Terminal): Promise<RunOutcome>;
  /** `bg [%N]`. Throws JobError for no such job, or one already running. */
  background(jobId: number | undefined): Job;
  /** SIGHUP (and SIGCONT) to every process group conch started, stopped jobs and `cmd &` leftovers included: conch is closing. */
  hangup(): void;
}

/** A line whose PTY is still open: running in the foreground, stopped, or running in the background. */
interface LiveLine extends Job {
  session: PtySession;
  start: RecordStart;
  capture: OutputCapture;
  stateFile: string;
}

// How long after a line ends to look for `cmd &` processes it left behind (off the prompt's critical path).
const LINGER_CHECK_MS = 100;
// What a terminal closing does: a stopped program gets the SIGHUP once continued.
const HANGUP: readonly NodeJS.Signals[] = ['SIGHUP', 'SIGCONT'];
const DEFAULT_CAPTURE = { maxLines: 2000, maxBytes: 256 * 1024 };
const ENV_PROGRAM = ['/usr/bin/env', '/bin/env'].find((path) => existsSync(path)) ?? 'env';

export function createExecutor(options: ExecutorOptions): Executor {
  const limits = options.capture ?? DEFAULT_CAPTURE;
  const recordLimit = options.recordLimit ?? 50;
  const interactive = options.interactive ?? true;
  // Private (0700) so no other user can read or forge a line's state dump.
  const stateDir = mkdtempSync(join(tmpdir(), 'conch-state-'));
  const records: CommandRecord[] = [];
  const live = new Set<LiveLine>();
  const jobs: LiveLine[] = [];
  let state: ShellState = { cwd: options.cwd, env: { ...options.env } };
  let nextRecordId = 1;
  let screen = { cols: 80, rows: 24 };

  // Sessions of ended lines where `cmd &` processes live on: conch's children too, hung up when it closes.
  // One /proc pass at a time, however fast lines end (a script); a session found empty is dropped, as its number may be reused.
  let lingering = new Set<number>();
  let pruning: NodeJS.Timeout | undefined;
  const pruneLingering = () => {
    pruning = undefined;
    lingering = new Set(groupsBySession(lingering).keys());
  };

  const forget = (line: LiveLine) => {
    live.delete(line);
    lingering.add(line.session.pid);
    pruning ??= setTimeout(pruneLingering, LINGER_CHECK_MS).unref();
    const index = jobs.indexOf(line);
    if (index >= 0) jobs.splice(index, 1);
  };

  const keep = (record: CommandRecord) => {
    records.push(record);
    if (records.length > recordLimit) records.splice(0, records.length - recordLimit);
  };

  const record = (line: LiveLine, status: number) =>
    finishRecord({ start: line.start, status, modes: line.session.modes, capture: line.capture, screen });

  // Waits for a foreground line to stop or finish; a finished line's state becomes the shell's.
  const settle = async (line: LiveLine, terminal: Terminal): Promise<RunOutcome> => {
    const settlement = await line.session.settled();
    terminal.write(line.session.modes.resetSequence());
    if (settlement.kind === 'stopped') {
      line.session.detach();
      line.state = 'stopped';
      if (!jobs.includes(line)) jobs.push(line);
      return { kind: 'stopped', job: publicJob(line) };
    }
    forget(line);
    const dump = readStateDump(line.stateFile);
    if (dump) state = dump.state;
    const finished = await record(line, settlement.status);
    keep(finished);
    return { kind: 'exited', record: finished };
  };

  // A background job leaves a record when it ends, but (as in bash) never changes the shell's state.
  const watchBackground = async (line: LiveLine) => {
    const settlement = await line.session.settled();
    if (settlement.kind === 'stopped') {
      // It read the terminal (SIGTTIN) or was stopped by a signal: it waits for `fg`.
      line.state = 'stopped';
      return;
    }
    forget(line);
    rmSync(line.stateFile, { force: true });
    keep(await record(line, settlement.status));
  };

  const findJob = (jobId: number | undefined, verb: string): LiveLine => {
    const job = jobId === undefined ? jobs[jobs.length - 1] : jobs.find((candidate) => candidate.id === jobId);
    if (!job) throw new JobError(jobId, jobId === undefined ? `${verb}: no current job` : `${verb}: %${jobId}: no such job`);
    return job;
  };

  return {
    get state() {
      return state;
    },
    get records() {
      return records;
    },

    async run(text, terminal, runOptions) {
      runOptions?.signal?.throwIfAborted();
      const cwd = existingCwd(state.cwd, state.env.HOME ?? '/');
      screen = terminal.size();
      const capture = createOutputCapture(limits);
      const id = nextRecordId++;
      const stateFile = join(stateDir, `state-${id}`);
      const session = new PtySession({
        shell: options.shell,
        line: text,
        cwd,
        env: childEnv(state, cwd),
        terminal,
        interactive,
        nonce: randomBytes(8).toString('hex'),
        stateFile,
        envProgram: ENV_PROGRAM,
        onOutput: (data) => capture.push(data),
      });
      const line: LiveLine = { id: nextJobId(jobs), line: text, state: 'running', session, capture, stateFile, start: { id, line: text, cwd, startedAt: Date.now() } };
      live.add(line);
      // An abort insists (SIGTERM too, for programs that ignore a hang-up); SIGCONT wakes a stopped program to die.
      const abort = () => session.hangup(['SIGHUP', 'SIGTERM', 'SIGCONT']);
      runOptions?.signal?.addEventListener('abort', abort, { once: true });
      try {
        return await settle(line, terminal);
      } finally {
        runOptions?.signal?.removeEventListener('abort', abort);
      }
    },

    jobs: () => jobs.map(publicJob),

    async foreground(jobId, terminal) {
      const job = findJob(jobId, 'fg');
      screen = terminal.size();
      const wasRunning = job.state === 'running';
      job.state = 'running';
      terminal.write(job.session.modes.restoreSequence());
      job.session.attach(terminal);
      job.session.continueJob('fg', wasRunning);
      return settle(job, terminal);
    },

    background(jobId) {
      const job = findJob(jobId, 'bg');
      if (job.state === 'running') throw new JobError(job.id, `bg: job ${job.id} already in background`);
      job.state = 'running';
      job.session.continueJob('bg', false);
      void watchBackground(job);
      return publicJob(job);
    },

    hangup() {
      for (const line of live) line.session.hangup(HANGUP);
      signalGroups([...groupsBySession(lingering).values()].flat(), HANGUP);
      lingering.clear();
      jobs.length = 0;
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

function publicJob(job: LiveLine): Job {
  return { id: job.id, line: job.line, state: job.state };
}

function nextJobId(jobs: readonly LiveLine[]): number {
  return jobs.reduce((max, job) => Math.max(max, job.id), 0) + 1;
}
