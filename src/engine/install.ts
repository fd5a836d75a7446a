import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineInstallError, EngineUnsupportedError } from './errors.ts';
import { createNpmFailureReader } from './npm-failure.ts';
import { cpuPackage, NODE_LLAMA_CPP_VERSION } from './platform.ts';

const MARKER = 'conch-engine.json';

/**
 * Whether the engine folder holds the pinned node-llama-cpp and this
 * platform's CPU package. The marker is written last, so a half-finished
 * install never counts.
 */
export function engineInstalled(dir: string): boolean {
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { nodeLlamaCpp?: unknown; cpuPackage?: unknown };
    return marker.nodeLlamaCpp === NODE_LLAMA_CPP_VERSION && marker.cpuPackage === cpuPackage() && existsSync(join(dir, 'node_modules', 'node-llama-cpp', 'package.json'));
  } catch {
    return false;
  }
}

export interface InstallOptions {
  dir: string;
  signal?: AbortSignal;
  /** Each line npm prints, for a progress display. */
  onOutput?: (line: string) => void;
}

/**
 * Installs node-llama-cpp into `dir` from conch's own engine/package.json and
 * lock, with only this platform's prebuilt CPU package: `--omit=optional`
 * leaves out the GPU variants (~650 MB), and `--ignore-scripts` skips
 * node-llama-cpp's postinstall, which would build llama.cpp from source when a
 * binary is missing. Staged beside `dir` and renamed into place when complete.
 * Resolves false when the signal fired (nothing is left behind).
 */
export async function installEngine(options: InstallOptions): Promise<boolean> {
  const platformPackage = cpuPackage();
  if (!platformPackage) throw new EngineUnsupportedError(`${process.platform}-${process.arch}`);
  const source = engineSourceDir();
  const staging = `${options.dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    copyFileSync(join(source, 'package.json'), join(staging, 'package.json'));
    copyFileSync(join(source, 'package-lock.json'), join(staging, 'package-lock.json'));
    const args = ['install', '--no-save', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund', '--no-progress', '--loglevel=error', `${platformPackage}@${NODE_LLAMA_CPP_VERSION}`];
    const completed = await runNpm(args, staging, options);
    if (!completed) return false;
    writeFileSync(join(staging, MARKER), `${JSON.stringify({ nodeLlamaCpp: NODE_LLAMA_CPP_VERSION, cpuPackage: platformPackage, installedAt: new Date().toISOString() })}\n`);
    rmSync(options.dir, { recursive: true, force: true });
    try {
      renameSync(staging, options.dir);
    } catch (error) {
      // Another conch finished the same install first.
      if (!engineInstalled(options.dir)) throw error;
    }
    return true;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function runNpm(args: string[], cwd: string, options: InstallOptions): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const windows = process.platform === 'win32';
    const child = spawn(windows ? 'npm.cmd' : 'npm', args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: windows,
      env: { ...process.env, npm_config_update_notifier: 'false', NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true' },
    });
    const failure = createNpmFailureReader();
    let last: string | undefined;
    // Each stream is split into lines of its own: npm's report must not be cut by a line of its progress.
    const lines = (stream: NodeJS.ReadableStream) => {
      let pending = '';
      stream.on('data', (data: Buffer) => {
        pending += data.toString('utf8');
        const complete = pending.split(/\r?\n/);
        pending = complete.pop() ?? '';
        for (const line of complete.filter((l) => l.trim() !== '')) {
          failure.line(line);
          last = line;
          options.onOutput?.(line);
        }
      });
    };
    lines(child.stdout);
    lines(child.stderr);
    const onAbort = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(new EngineInstallError(error.code === 'ENOENT' ? 'npm was not found on PATH (it comes with Node.js)' : error.message, { cause: error }));
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) resolve(false);
      else if (code === 0) resolve(true);
      else {
        const { cause, logFile } = failure.failure;
        // npm's last line is where its log is: worth a hint, never the reason.
        const why = cause ?? (logFile === undefined ? last : undefined);
        const ended = code === null ? `was stopped by ${signal ?? 'a signal'}` : `exited with status ${code}`;
        reject(new EngineInstallError(`npm ${args[0]} ${ended}${why ? `: ${why}` : ''}`, { logFile }));
      }
    });
  });
}

/** conch's engine/ folder: beside src/ in a checkout, beside dist/ when installed. */
function engineSourceDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'engine', 'package-lock.json'))) return join(dir, 'engine');
    dir = dirname(dir);
  }
  throw new EngineInstallError('conch\'s engine/package.json was not found beside its code; reinstall conch');
}
