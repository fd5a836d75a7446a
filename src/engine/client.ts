import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EngineCrashError, EngineError } from './errors.ts';
import type { ChatRequest, FromWorker, WorkerResult } from './protocol.ts';

export type EngineEvent = { type: 'loaded'; loadMs: number; startMs?: number } | { type: 'delta'; text: string } | { type: 'reasoning'; text: string };

export type EngineOutcome = { kind: 'done'; result: WorkerResult } | { kind: 'aborted' };

interface Pending {
  onEvent: (event: EngineEvent) => void;
  settle: (outcome: EngineOutcome | Error) => void;
  model: string;
}

/**
 * conch's side of one engine process: started on the first question, kept
 * (with its model loaded) for the next, restarted after a crash. The process
 * does not keep conch alive: it is unreferenced while idle.
 */
export class EngineProcess {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly engineDir: string;
  private readonly logFile: string;

  constructor(engineDir: string, logFile: string) {
    this.engineDir = engineDir;
    this.logFile = logFile;
  }

  /** The engine process's pid, once started (for tests and benchmarks). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * One answer. Resolves with `aborted` the moment the signal fires (the
   * engine stops at its next token, with the model still loaded); rejects with
   * EngineCrashError if the process dies, EngineError if it cannot answer.
   */
  chat(request: Omit<ChatRequest, 'type' | 'id'>, onEvent: (event: EngineEvent) => void, signal?: AbortSignal): Promise<EngineOutcome> {
    if (signal?.aborted) return Promise.resolve({ kind: 'aborted' });
    const child = this.ensureStarted();
    const id = this.nextId++;
    return new Promise<EngineOutcome>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id);
        this.idle();
        child.send({ type: 'abort', id });
        resolve({ kind: 'aborted' });
      };
      this.pending.set(id, {
        onEvent,
        model: request.modelPath,
        settle: (outcome) => {
          signal?.removeEventListener('abort', onAbort);
          this.pending.delete(id);
          this.idle();
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      child.ref();
      (child.channel as { ref?: () => void } | undefined)?.ref?.();
      child.send({ ...request, type: 'chat', id });
    });
  }

  /** Ends the process (its model is freed with it). */
  dispose(): void {
    const child = this.child;
    this.child = undefined;
    child?.kill('SIGKILL');
  }

  private ensureStarted(): ChildProcess {
    if (this.child) return this.child;
    mkdirSync(dirname(this.logFile), { recursive: true, mode: 0o700 });
    const log = openSync(this.logFile, 'w', 0o600);
    const worker = workerPath();
    let child: ChildProcess;
    try {
      child = fork(worker.file, [this.engineDir], {
        execArgv: worker.execArgv,
        // llama.cpp's and node-llama-cpp's output goes to the log file, never the terminal.
        stdio: ['ignore', log, log, 'ipc'],
        env: workerEnv(),
        serialization: 'json',
      });
    } finally {
      closeSync(log);
    }
    this.child = child;
    child.on('message', (message: FromWorker) => this.receive(message));
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      const crash = new EngineCrashError(code, signal, this.logFile);
      for (const pending of [...this.pending.values()]) pending.settle(crash);
    });
    child.on('error', () => {
      // Reported through 'exit'; a failed send to a dead process lands here.
    });
    return child;
  }

  private receive(message: FromWorker): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'loaded':
        pending.onEvent({ type: 'loaded', loadMs: message.loadMs, ...(message.startMs !== undefined ? { startMs: message.startMs } : {}) });
        break;
      case 'delta':
      case 'reasoning':
        pending.onEvent({ type: message.type, text: message.text });
        break;
      case 'done':
        pending.settle({ kind: 'done', result: message.result });
        break;
      case 'error':
        pending.settle(new EngineError(message.kind, message.message, pending.model));
        break;
    }
  }

  /** Nothing in flight: let conch exit without waiting for the engine. */
  private idle(): void {
    if (this.pending.size > 0 || !this.child) return;
    this.child.unref();
    (this.child.channel as { unref?: () => void } | undefined)?.unref?.();
  }
}

const engines = new Map<string, EngineProcess>();

/** The engine process for a folder: one per conch, shared by every question. */
export function engineFor(engineDir: string, logFile: string): EngineProcess {
  let engine = engines.get(engineDir);
  if (!engine) {
    engine = new EngineProcess(engineDir, logFile);
    engines.set(engineDir, engine);
  }
  return engine;
}

/** Ends every engine process (tests, benchmarks; conch's own exit ends them through the IPC channel). */
export function shutdownEngines(): void {
  for (const engine of engines.values()) engine.dispose();
  engines.clear();
}

/** The worker script: bundled beside conch's code, or the TypeScript source (tests, `npm run dev`) run through tsx. */
function workerPath(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    return { file: join(dirname(here), 'worker.ts'), execArgv: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] };
  }
  for (const dir of [dirname(here), dirname(dirname(here))]) {
    const file = join(dir, 'engine-worker.js');
    if (existsSync(file)) return { file, execArgv: [] };
  }
  throw new Error(`engine-worker.js is missing beside ${here}; rebuild conch`);
}

/** Only what the engine needs from the environment: no keys, no tokens. */
function workerEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'SYSTEMROOT'];
  const env: NodeJS.ProcessEnv = { NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true' };
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}
