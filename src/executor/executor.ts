import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants } from 'node:os';
import { ConchError } from '../errors.ts';
import { createOutputCapture } from './capture.ts';
import { PtySession } from './pty-session.ts';
import { existingCwd, readStateDump } from './shell-state.ts';
import type { CommandRecord, ExecutorOptions, Job, RunOutcome, ShellState, Terminal } from './types.ts';

export interface Executor {
  /** cwd and environment after the last line. */
  readonly state: ShellState;
  /** The most recent command records, oldest first, bounded. */
  readonly records: readonly CommandRecord[];
  run(line: string, terminal: Terminal, options?: { signal?: AbortSignal }): Promise<RunOutcome>;
  jobs(): readonly Job[];
  /** `fg [%N]`: the most recent job when no id is given. */
  foreground(jobId: number | undefined, terminal: Terminal): Promise<RunOutcome>;
  /** `bg [%N]`. */
  background(jobId: number | undefined): Job;
  /** SIGHUP (and SIGCONT) to every child: conch is closing. */
  hangup(): void;
}

export class JobError extends ConchError {
  override name = 'JobError';
  readonly jobId: number | undefined;

  constructor(jobId: number | undefined, message: string) {
    super('NO_SUCH_JOB', message);
    this.jobId = jobId;
  }
}

interface LiveJob extends Job {
  session: PtySession;
  record: Omit<CommandRecord, 'durationMs' | 'status' | 'output' | 'outputTruncated' | 'fullscreen'>;
  capture: ReturnType<typeof createOutputCapture>;
  stateFile: string;
}

const ENV_PROGRAM = ['/usr/bin/env', '/bin/env'].find((path) => existsSync(path)) ?? 'env';
const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));

export function createExecutor(options: ExecutorOptions): Executor {
  const capture = options.capture ?? { maxLines: 2000, maxBytes: 256 * 1024 };
  const recordLimit = options.recordLimit ?? 50;
  const interactive = options.interactive ?? true;
  const stateDir = mkdtempSync(join(tmpdir(), 'conch-state-'));
  const records: CommandRecord[] = [];
  const jobs: LiveJob[] = [];
  let state: ShellState = { cwd: options.cwd, env: { ...options.env } };
  let nextRecordId = 1;
  let lastCols = 80;

  const settle = async (job: LiveJob, terminal: Terminal): Promise<RunOutcome> => {
    const settlement = await job.session.settled();
    terminal.write(job.session.modes.resetSequence());
    if (settlement.kind === 'stopped') {
      job.session.detach();
      job.state = 'stopped';
      if (!jobs.includes(job)) jobs.push(job);
      return { kind: 'stopped', job: publicJob(job) };
    }
    jobs.splice(jobs.indexOf(job) >>> 0, jobs.includes(job) ? 1 : 0);
    const dump = readStateDump(job.stateFile);
    if (dump) state = { cwd: dump.state.cwd, env: dump.state.env };
    const record = await finishRecord(job, settlement.status);
    records.push(record);
    if (records.length > recordLimit) records.splice(0, records.length - recordLimit);
    return { kind: 'exited', record };
  };

  const finishRecord = async (job: LiveJob, status: number): Promise<CommandRecord> => {
    const fullscreen = job.session.modes.usedAlternateScreen;
    const { text, truncated } = fullscreen ? { text: '', truncated: false } : await job.capture.render(lastCols);
    const signalName = status > 128 ? SIGNAL_NAMES.get(status - 128) : undefined;
    return {
      ...job.record,
      durationMs: Date.now() - job.record.startedAt,
      status,
      ...(signalName ? { signal: signalName } : {}),
      output: text,
      outputTruncated: truncated,
      fullscreen,
    };
  };

  const findJob = (jobId: number | undefined, verb: string): LiveJob => {
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

    async run(line, terminal, runOptions) {
      const cwd = existingCwd(state.cwd, state.env.HOME ?? '/');
      lastCols = terminal.size().cols;
      const outputCapture = createOutputCapture(capture);
      const stateFile = join(stateDir, `state-${nextRecordId}`);
      const session = new PtySession({
        shell: options.shell,
        line,
        cwd,
        env: { ...state.env, PWD: cwd },
        terminal,
        interactive,
        nonce: randomBytes(8).toString('hex'),
        stateFile,
        envProgram: ENV_PROGRAM,
        onOutput: (data) => outputCapture.push(data),
      });
      const job: LiveJob = {
        id: nextJobId(jobs),
        line,
        state: 'running',
        session,
        capture: outputCapture,
        stateFile,
        record: { id: nextRecordId++, line, cwd, startedAt: Date.now() },
      };
      const abort = () => session.hangup(sessionGroups(session.pid));
      runOptions?.signal?.addEventListener('abort', abort, { once: true });
      try {
        return await settle(job, terminal);
      } finally {
        runOptions?.signal?.removeEventListener('abort', abort);
      }
    },

    jobs: () => jobs.map(publicJob),

    async foreground(jobId, terminal) {
      const job = findJob(jobId, 'fg');
      lastCols = terminal.size().cols;
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
      // A job finishing in the background leaves a record but never changes the shell's state.
      void job.session.settled().then(async (settlement) => {
        if (settlement.kind !== 'done') return;
        jobs.splice(jobs.indexOf(job) >>> 0, jobs.includes(job) ? 1 : 0);
        rmSync(job.stateFile, { force: true });
        records.push(await finishRecord(job, settlement.status));
      });
      return publicJob(job);
    },

    hangup() {
      for (const job of jobs) job.session.hangup(sessionGroups(job.session.pid));
      jobs.length = 0;
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

function publicJob(job: LiveJob): Job {
  return { id: job.id, line: job.line, state: job.state };
}

function nextJobId(jobs: readonly LiveJob[]): number {
  return jobs.reduce((max, job) => Math.max(max, job.id), 0) + 1;
}

/** Every process group in the session led by `leader` (the supervisor), from /proc. */
function sessionGroups(leader: number): number[] {
  const groups = new Set<number>([leader]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid pgrp session ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[3]) === leader) groups.add(Number(fields[2]));
    } catch {
      // The process exited while we looked.
    }
  }
  return [...groups];
}
