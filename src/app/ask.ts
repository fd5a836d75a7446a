import { chatStream, listModels, type ChatMessage } from '../broker/index.ts';
import type { ResolvedPreset } from '../config/index.ts';
import { isConchError, type ConchError } from '../errors.ts';
import { extractShellCommands } from '../render/index.ts';
import { HttpError } from '../sse/index.ts';
import { loggedMessages } from './goal-transcript.ts';
import type { BuiltRequest } from './one-shot.ts';
import type { AnswerRenderer, ExchangeLog } from './ports.ts';
import { loggedUsage, statsOf, type AnswerStats } from './stats.ts';

/** One question, however it was asked (`?`, `??`, `:retry`, `conch ask`). */
export interface AskRequest {
  /** The preset to call; may probe for a local server (and fail with a ConchError). */
  endpoint(signal: AbortSignal): Promise<ResolvedPreset>;
  /** The messages for that preset, redacted and within its budget. */
  build(preset: ResolvedPreset): BuiltRequest;
  /** The question as the log keeps it, already redacted. */
  logQuestion: string;
}

/** Facts the edge turns into lines, where it likes (the terminal, stderr, nowhere). */
export type AskNotice =
  | { kind: 'redacted'; count: number }
  | { kind: 'retrying'; delayMs: number; error: ConchError; preset: ResolvedPreset }
  | { kind: 'footer'; stats: AnswerStats };

export interface AskIo {
  /** Made once the request is ready, so notices come before the answer; the request goes out to `preset` right after. */
  renderer(preset: ResolvedPreset): AnswerRenderer;
  notify(notice: AskNotice): void;
  log: ExchangeLog;
  /** Aborting it stops the answer at once (the connection closes). */
  signal: AbortSignal;
}

export type AskOutcome =
  | { kind: 'answered'; status: 0; preset: ResolvedPreset; sent: ChatMessage[]; answer: string; commands: string[] }
  | { kind: 'interrupted'; status: 130; preset?: ResolvedPreset; sent: ChatMessage[]; answer: string }
  /** `models`: what the server offers, when the model was not found (404). */
  | { kind: 'failed'; status: 1; error: ConchError; preset?: ResolvedPreset; models?: string[] };

/**
 * Ask a question: build the request, stream the answer to the renderer, log
 * the exchange, then report the footer (in that order, so whoever sees the
 * footer finds the exchange logged) and hand back the commands the answer
 * proposes. Expected failures come back as outcomes; only bugs throw.
 */
export async function askQuestion(request: AskRequest, io: AskIo): Promise<AskOutcome> {
  let preset: ResolvedPreset;
  try {
    preset = await request.endpoint(io.signal);
  } catch (error) {
    if (!isConchError(error)) throw error;
    return io.signal.aborted ? { kind: 'interrupted', status: 130, sent: [], answer: '' } : { kind: 'failed', status: 1, error };
  }
  const built = request.build(preset);
  if (built.redactions > 0) io.notify({ kind: 'redacted', count: built.redactions });

  const renderer = io.renderer(preset);
  let result;
  try {
    result = await chatStream(
      preset,
      built.messages,
      {
        onDelta: (text) => renderer.delta(text),
        onReasoning: (text) => renderer.reasoning(text),
        onRetry: ({ delayMs, error }) => {
          if (isConchError(error)) io.notify({ kind: 'retrying', delayMs, error, preset });
        },
      },
      { signal: io.signal },
    );
  } catch (error) {
    renderer.end();
    if (!isConchError(error)) throw error;
    const models = error instanceof HttpError && error.status === 404 ? await listModels(preset, { timeoutMs: 2000 }).catch(() => []) : undefined;
    return { kind: 'failed', status: 1, error, preset, ...(models ? { models } : {}) };
  }
  if (result.aborted) renderer.interrupted();
  else renderer.end();

  io.log.append({
    preset: preset.name,
    model: preset.model,
    question: request.logQuestion,
    context: loggedMessages(built.messages),
    answer: result.content,
    interrupted: result.aborted,
    ...loggedUsage(result),
  });
  io.notify({ kind: 'footer', stats: statsOf(preset, result) });
  if (result.aborted) return { kind: 'interrupted', status: 130, preset, sent: built.messages, answer: result.content };
  return { kind: 'answered', status: 0, preset, sent: built.messages, answer: result.content, commands: extractShellCommands(result.content) };
}
