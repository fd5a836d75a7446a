import { setTimeout as sleep } from 'node:timers/promises';
import { HttpError } from '../sse/index.ts';
import { startRun } from './chat-run.ts';
import { requestBody } from './request.ts';
import type { ChatHandlers, ChatMessage, ChatOptions, ChatResult, ModelEndpoint } from './types.ts';

/**
 * Rate limiting and the statuses of a server or gateway that is busy, starting
 * or briefly away. A plain 500 is not among them: servers send it for faults a
 * retry repeats (a model that does not fit in memory, tools with streaming).
 */
const RETRYABLE = new Set([429, 502, 503, 504]);

/** A server asking for a longer pause than this is not waited for: the error goes to the person at once. */
const MAX_RETRY_WAIT_MS = 30_000;

/**
 * Streams one chat completion: hands text deltas to the handlers as they
 * arrive and returns what was said with conch's own timings. 429, 502, 503 and
 * 504 are retried with backoff (at least as long as Retry-After asks), but only before
 * the first token: after that a retry would repeat text the person has already
 * seen. A refused connection is not retried: no server is listening, and
 * waiting would only delay saying so.
 */
export async function chatStream(
  endpoint: ModelEndpoint,
  messages: readonly ChatMessage[],
  handlers: ChatHandlers = {},
  options: ChatOptions = {},
): Promise<ChatResult> {
  // An embedded preset is answered in-process; the engine is loaded only when one is used.
  if (endpoint.embedded) return (await import('./embedded.ts')).embeddedChatStream({ ...endpoint, embedded: endpoint.embedded }, messages, handlers, options);
  const retries = options.retries ?? 2;
  const backoff = options.backoffMs ?? ((attempt: number) => 500 * 3 ** (attempt - 1));
  let includeUsage = true;
  for (let attempt = 0; ; attempt++) {
    const run = startRun(endpoint, handlers);
    try {
      return await run.execute(requestBody(endpoint, messages, options.tools, includeUsage), options.signal);
    } catch (error) {
      if (run.gotTokens || !(error instanceof HttpError)) throw error;
      // Some servers reject stream_options; ask once more without it.
      if (includeUsage && error.status === 400 && /stream_options|include_usage/i.test(error.serverMessage)) {
        includeUsage = false;
        attempt--;
        continue;
      }
      if (attempt >= retries || !RETRYABLE.has(error.status)) throw error;
      const retryAfterMs = (error.retryAfterSeconds ?? 0) * 1000;
      if (retryAfterMs > MAX_RETRY_WAIT_MS) throw error;
      const delayMs = Math.min(Math.max(backoff(attempt + 1), retryAfterMs), MAX_RETRY_WAIT_MS);
      handlers.onRetry?.({ attempt: attempt + 1, delayMs, error });
      try {
        await sleep(delayMs, undefined, { signal: options.signal });
      } catch {
        return run.result(true);
      }
    }
  }
}
