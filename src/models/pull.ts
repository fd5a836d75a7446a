import { existsSync, statSync } from 'node:fs';
import type { ResolvedPreset } from '../config/index.ts';
import { ENGINE_APPROX_BYTES, engineInstalled, installEngine, ModelNotPulledError, NODE_LLAMA_CPP_VERSION } from '../engine/index.ts';
import { downloadModel } from './download.ts';
import { createProgressDisplay, formatBytes } from './progress.ts';

/** Where a pull reports to: stderr for `conch models pull`, the terminal for the first question's offer. */
export interface PullOutput {
  /** Text with \r\n line ends. */
  write: (text: string) => void;
  /** A terminal: progress redrawn in place. Otherwise plain lines. */
  tty: boolean;
}

export type PullOutcome = { kind: 'present'; path: string; bytes: number } | { kind: 'pulled'; path: string; bytes: number } | { kind: 'interrupted'; kept: number; path: string };

/**
 * Installs the engine if it is missing (from the npm registry), then
 * downloads the preset's model if it is missing: never twice, resuming a
 * partial download, with progress. Errors are typed (EngineInstallError,
 * DownloadError, VerificationError); Ctrl-C (the signal) is `interrupted`.
 */
export async function pullPreset(preset: ResolvedPreset & { embedded: NonNullable<ResolvedPreset['embedded']> }, output: PullOutput, signal?: AbortSignal): Promise<PullOutcome> {
  const { embedded } = preset;
  const path = embedded.path!;
  if (!engineInstalled(embedded.engineDir)) {
    const installed = await installEngineWithProgress(embedded.engineDir, output, signal);
    if (!installed) return { kind: 'interrupted', kept: 0, path };
  }
  if (existsSync(path)) return { kind: 'present', path, bytes: sizeOf(path) };
  // A file of the person's own that is not there: nothing conch could download.
  if (!embedded.url) throw new ModelNotPulledError(preset.name, path, false);
  const display = createProgressDisplay({ write: output.write, tty: output.tty, label: preset.model });
  if (!output.tty) output.write(`downloading ${embedded.url}\r\n  to ${path}\r\n`);
  try {
    const outcome = await downloadModel({ url: embedded.url, dest: path, ...(signal ? { signal } : {}), onProgress: (progress) => display.update(progress) });
    display.finish();
    return outcome.kind === 'done' ? { kind: 'pulled', path, bytes: outcome.bytes } : { kind: 'interrupted', kept: outcome.kept, path };
  } catch (error) {
    display.finish();
    throw error;
  }
}

async function installEngineWithProgress(dir: string, output: PullOutput, signal: AbortSignal | undefined): Promise<boolean> {
  const started = performance.now();
  const what = `installing the embedded engine (node-llama-cpp ${NODE_LLAMA_CPP_VERSION}, about ${formatBytes(ENGINE_APPROX_BYTES)} from the npm registry)`;
  const seconds = () => Math.round((performance.now() - started) / 1000);
  let timer: NodeJS.Timeout | undefined;
  if (output.tty) {
    output.write(`${what}…`);
    timer = setInterval(() => output.write(`\r\x1b[K${what}… ${seconds()} s`), 1000);
  } else output.write(`${what} into ${dir}\r\n`);
  try {
    const done = await installEngine({ dir, ...(signal ? { signal } : {}) });
    if (output.tty) output.write('\r\x1b[K');
    if (done) output.write(`installed the embedded engine in ${seconds()} s\r\n`);
    return done;
  } catch (error) {
    if (output.tty) output.write('\r\x1b[K');
    throw error;
  } finally {
    clearInterval(timer);
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
