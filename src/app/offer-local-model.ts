import { homedir } from 'node:os';
import { dirname } from 'node:path';
import type { ResolvedPreset } from '../config/index.ts';
import { cpuPackage, ENGINE_APPROX_BYTES, engineInstalled, NODE_LLAMA_CPP_VERSION } from '../engine/index.ts';
import { isConchError } from '../errors.ts';
import { describeDownload, formatBytes, pullPreset } from '../models/index.ts';

/** How an offer to download the built-in model ended; `message` is the one line to show when no model is to be asked. */
export type OfferOutcome =
  | { kind: 'use'; preset: ResolvedPreset }
  | { kind: 'declined'; message: string }
  | { kind: 'already-offered'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'interrupted'; message: string }
  | { kind: 'failed'; message: string };

export interface OfferIo {
  /** Text with \r\n line ends (a raw-mode terminal needs them). */
  write: (text: string) => void;
  /** Progress redrawn in place. */
  tty: boolean;
  /** One yes/no question; only an explicit yes is yes. */
  confirm: (question: string) => Promise<boolean>;
  /** Ctrl-C: stops the download, keeping what arrived. */
  signal?: AbortSignal;
}

/** The built-in model's size when its server cannot be asked. */
const LOCAL_APPROX_BYTES = 1_120_000_000;

const offered = new WeakSet<object>();

/**
 * When nothing is configured and no server answers, the first question offers
 * the built-in model once per session (`session` is any object that lives as
 * long as one: the REPL's model session, a `conch ask` run): what would be
 * downloaded (engine and model), from where, how big and where it goes, then
 * one [y/N]. Never downloads without a yes. `noServer` is the line shown otherwise.
 */
export async function offerLocalModel(session: object, local: ResolvedPreset, noServer: string, io: OfferIo): Promise<OfferOutcome> {
  const embedded = local.embedded;
  if (!embedded?.path || !embedded.url || embedded.problem !== undefined || !cpuPackage()) return { kind: 'unavailable', message: noServer };
  if (offered.has(session)) return { kind: 'already-offered', message: noServer };
  offered.add(session);

  const size = await sizeOf(embedded.url, local.name === 'local' ? LOCAL_APPROX_BYTES : undefined, io.signal);
  const lines = [
    'No model server answered. conch can run a small coding model itself, on this CPU:',
    `  model   ${local.model}, ${size} from ${new URL(embedded.url).host}`,
    `          into ${tilde(dirname(embedded.path))} (\`conch models rm ${local.name}\` removes it)`,
  ];
  if (!engineInstalled(embedded.engineDir)) {
    lines.push(`  engine  node-llama-cpp ${NODE_LLAMA_CPP_VERSION} (llama.cpp), about ${formatBytes(ENGINE_APPROX_BYTES)} from the npm registry`, `          into ${tilde(embedded.engineDir)}`);
  }
  io.write(`${lines.join('\r\n')}\r\n`);
  if (!(await io.confirm('Download it and answer with it?'))) {
    return { kind: 'declined', message: `not downloading; \`conch models pull\` fetches the built-in model any time, or start a model server` };
  }
  try {
    const outcome = await pullPreset({ ...local, embedded }, { write: io.write, tty: io.tty }, io.signal);
    if (outcome.kind === 'interrupted') {
      return { kind: 'interrupted', message: `interrupted; \`conch models pull\` resumes the download${outcome.kept > 0 ? ` (${formatBytes(outcome.kept)} kept)` : ''}` };
    }
    return { kind: 'use', preset: local };
  } catch (error) {
    if (!isConchError(error)) throw error;
    return { kind: 'failed', message: error.message };
  }
}

/** The size the server gives, or the known approximate one, for the offer's line. */
async function sizeOf(url: string, approx: number | undefined, signal: AbortSignal | undefined): Promise<string> {
  try {
    const timeout = AbortSignal.timeout(3000);
    const { size } = await describeDownload(url, signal ? AbortSignal.any([signal, timeout]) : timeout);
    if (size !== undefined) return formatBytes(size);
  } catch {
    // Offline or refused: the download itself will say why.
  }
  return approx !== undefined ? `about ${formatBytes(approx)}` : 'size unknown';
}

function tilde(path: string): string {
  const home = homedir();
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
