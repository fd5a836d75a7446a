import { loadConfig, NoServerError, resolveOrProbe, type Config, type PresetChoice, type ResolvedPreset } from '../config/index.ts';
import { ConchError } from '../errors.ts';
import { confirmLine } from './confirm-line.ts';
import { offerLocalModel } from './offer-local-model.ts';

/** The offer of the built-in model ended without a model to ask (declined, interrupted, failed). */
export class LocalModelNotUsedError extends ConchError {
  override name = 'LocalModelNotUsedError';
  readonly interrupted: boolean;

  constructor(message: string, interrupted: boolean) {
    super('LOCAL_MODEL_NOT_USED', message);
    this.interrupted = interrupted;
  }
}

interface OneShotIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  signal: AbortSignal;
}

/**
 * The config and preset a one-shot command uses (the local servers probed when
 * nothing is configured); when nothing
 * is configured and no server answers, a person at a terminal is offered the
 * built-in model (once per run) instead of only being told there is none.
 */
export async function pickPresetOrOffer(io: OneShotIo, choice: PresetChoice): Promise<{ config: Config; preset: ResolvedPreset }> {
  const { config } = loadConfig({ env: io.env });
  try {
    return { config, preset: await resolveOrProbe(config, choice, io.env, io.signal) };
  } catch (error) {
    if (!(error instanceof NoServerError) || !error.local || !io.stdin.isTTY || !io.stderr.isTTY) throw error;
    const write = (text: string) => void io.stderr.write(text);
    const outcome = await offerLocalModel(io, error.local, error.message, { write, tty: true, confirm: confirmLine({ stdin: io.stdin, write, signal: io.signal }), signal: io.signal });
    if (outcome.kind === 'use') return { config, preset: outcome.preset };
    throw new LocalModelNotUsedError(outcome.message, outcome.kind === 'interrupted');
  }
}
