import { NoServerError, type ResolvedPreset } from '../config/index.ts';
import { ConchError } from '../errors.ts';
import { offerLocalModel, type OfferIo } from './offer-local-model.ts';

/** The offer of the built-in model ended without a model to ask (declined, failed); `message` says what to do instead. */
export class LocalModelNotUsedError extends ConchError {
  override name = 'LocalModelNotUsedError';

  constructor(message: string) {
    super('LOCAL_MODEL_NOT_USED', message);
  }
}

/**
 * An ask flow's `endpoint` that, when nothing is configured and no server
 * answers, offers the built-in model (once per `session`) before giving up:
 * on yes it is downloaded and asked. Ctrl-C during the download says the
 * partial file is kept, then ends the question as interrupted.
 */
export function withLocalModelOffer(
  endpoint: (signal: AbortSignal) => Promise<ResolvedPreset>,
  session: object,
  io: Omit<OfferIo, 'signal'>,
): (signal: AbortSignal) => Promise<ResolvedPreset> {
  return async (signal) => {
    try {
      return await endpoint(signal);
    } catch (error) {
      if (!(error instanceof NoServerError) || !error.local || signal.aborted) throw error;
      const outcome = await offerLocalModel(session, error.local, error.message, { ...io, signal });
      switch (outcome.kind) {
        case 'use':
          // Resolved again, so the session remembers `local` (its prompt shows it); the model is there now.
          return endpoint(signal).catch(() => outcome.preset);
        case 'interrupted':
          io.write(`conch: ${outcome.message}\r\n`);
          throw error;
        case 'unavailable':
        case 'already-offered':
          throw error;
        default:
          throw new LocalModelNotUsedError(outcome.message);
      }
    }
  };
}
