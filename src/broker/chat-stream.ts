import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectError, HttpError, postSse, type SseEvent } from '../sse/index.ts';
import { decodeChunk, errorMessage, mergeToolCalls } from './decode.ts';
import { BadChunkError, ProviderError, StreamCutError } from './errors.ts';
import type { ChatHandlers, ChatMessage, ChatOptions, ChatResult, ModelEndpoint, ToolCall, Usage } from './types.ts';

/**
 * Streams one chat completion: builds the request, decodes each chunk, hands
 * text deltas to the handlers as they arrive, and returns what was said with
 * conch's own timings. 429, 5xx and refused connections are retried with
 * backoff, but only before the first token (after that a retry would repeat
 * text the person has already seen).
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
      if (run.gotTokens || !(error instanceof Error)) throw error;
      // Some servers reject stream_options; ask once more without it.
      if (includeUsage && error instanceof HttpError && error.status === 400 && /stream_options|include_usage/i.test(error.serverMessage)) {
        includeUsage = false;
        attempt--;
        continue;
      }
      if (attempt >= retries || !retryable(error)) throw error;
      const retryAfter = error instanceof HttpError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
      const delayMs = Math.min(Math.max(backoff(attempt + 1), retryAfter), 30_000);
      handlers.onRetry?.({ attempt: attempt + 1, delayMs, error });
      try {
        await sleep(delayMs, undefined, { signal: options.signal });
      } catch {
        return run.result(true);
      }
    }
  }
}

function retryable(error: Error): boolean {
  if (error instanceof HttpError) return error.status === 429 || error.status >= 500;
  return error instanceof ConnectError && error.reason === 'ECONNREFUSED';
}

function requestBody(endpoint: ModelEndpoint, messages: readonly ChatMessage[], tools: unknown[] | undefined, includeUsage: boolean): string {
  return JSON.stringify({
    model: endpoint.model,
    messages,
    stream: true,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
    ...(endpoint.temperature !== undefined ? { temperature: endpoint.temperature } : {}),
    ...(endpoint.maxTokens !== undefined ? { max_tokens: endpoint.maxTokens } : {}),
    ...(tools && tools.length > 0 ? { tools } : {}),
  });
}

/** One attempt's state: what arrived, and when. */
function startRun(endpoint: ModelEndpoint, handlers: ChatHandlers) {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const started = performance.now();
  let firstTokenAt: number | undefined;
  let content = '';
  let reasoning = '';
  let deltas = 0;
  const toolCalls: ToolCall[] = [];
  let finishReason: string | undefined;
  let usage: Usage | undefined;
  let serverTimings: Record<string, number> | undefined;
  let sawDone = false;

  const onEvent = (event: SseEvent): 'stop' | void => {
    if (event.data === '[DONE]') {
      sawDone = true;
      return 'stop';
    }
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      if (event.event === 'error') throw new ProviderError(url, event.data);
      throw new BadChunkError(url, event.data);
    }
    if (event.event === 'error') throw new ProviderError(url, errorMessage((json as { error?: unknown }).error ?? json));
    const parts = decodeChunk(json);
    if (parts.error !== undefined) throw new ProviderError(url, parts.error);
    if (parts.content !== undefined || parts.reasoning !== undefined || parts.toolCallFragments) {
      firstTokenAt ??= performance.now();
      deltas++;
    }
    if (parts.reasoning !== undefined) {
      reasoning += parts.reasoning;
      handlers.onReasoning?.(parts.reasoning);
    }
    if (parts.content !== undefined) {
      content += parts.content;
      handlers.onDelta?.(parts.content);
    }
    if (parts.toolCallFragments) mergeToolCalls(toolCalls, parts.toolCallFragments);
    if (parts.finishReason === 'error') throw new ProviderError(url, 'the provider ended the answer with an error');
    if (parts.finishReason !== undefined) finishReason = parts.finishReason;
    if (parts.usage) usage = parts.usage;
    if (parts.serverTimings) serverTimings = parts.serverTimings;
  };

  const result = (aborted: boolean): ChatResult => {
    const totalMs = performance.now() - started;
    const tokens = usage?.completionTokens ?? deltas;
    const generationMs = firstTokenAt === undefined ? undefined : performance.now() - firstTokenAt;
    return {
      content,
      reasoning,
      toolCalls: toolCalls.filter(Boolean),
      finishReason,
      usage,
      serverTimings,
      timings: {
        ttftMs: firstTokenAt === undefined ? undefined : firstTokenAt - started,
        totalMs,
        tokensPerSecond: generationMs && generationMs > 0 && tokens > 1 ? ((tokens - 1) * 1000) / generationMs : undefined,
      },
      aborted,
    };
  };

  return {
    get gotTokens() {
      return firstTokenAt !== undefined;
    },
    result,
    async execute(body: string, signal: AbortSignal | undefined): Promise<ChatResult> {
      const headers: Record<string, string> = endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {};
      const timeouts = endpoint.timeouts ?? {};
      const outcome = await postSse(url, body, headers, onEvent, {
        ...(signal ? { signal } : {}),
        ...(timeouts.connectMs !== undefined ? { connectTimeoutMs: timeouts.connectMs } : {}),
        ...(timeouts.idleMs !== undefined ? { idleTimeoutMs: timeouts.idleMs } : {}),
        ...(timeouts.stallMs !== undefined ? { stallTimeoutMs: timeouts.stallMs } : {}),
        ...(timeouts.overallMs !== undefined ? { overallTimeoutMs: timeouts.overallMs } : {}),
      });
      if (outcome.aborted) return result(true);
      if (!sawDone && finishReason === undefined) throw new StreamCutError(url, content);
      return result(false);
    },
  };
}
