import { bodyExcerpt, EventTooLargeError, postSse, StreamClosedError, TimeoutError, type PlainBody, type SseEvent, type SseUnknownField } from '../sse/index.ts';
import { decodeChunk, errorBodyMessage, errorMessage, isRecord, mergeToolCalls, parseJson, type ChunkParts } from './decode.ts';
import { BadChunkError, ProviderError, StreamCutError, UnexpectedBodyError } from './errors.ts';
import { endpointUrl, requestHeaders } from './request.ts';
import { tokensPerSecond } from './rate.ts';
import { createThinkSplitter } from './think-block.ts';
import type { ChatHandlers, ChatResult, ModelEndpoint, ToolCall, Usage } from './types.ts';

export interface ChatRun {
  /** Text or reasoning has reached the handlers: a retry would repeat it. */
  readonly gotTokens: boolean;
  execute(body: string, signal: AbortSignal | undefined): Promise<ChatResult>;
  result(aborted: boolean): ChatResult;
}

/**
 * One attempt at a chat completion: the request, every event and stray line
 * decoded as it arrives, what was said, and conch's own timings. Errors the
 * server reports in its own words become ProviderError; a stream that ends
 * part-way becomes StreamCutError; both carry the text already shown.
 */
export function startRun(endpoint: ModelEndpoint, handlers: ChatHandlers): ChatRun {
  const url = endpointUrl(endpoint.baseUrl, 'chat/completions');
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
  let sawEvent = false;
  let firstStrayLine: string | undefined;
  const thoughts = (text: string) => {
    reasoning += text;
    handlers.onReasoning?.(text);
  };
  // A leading <think> block inside the content is reasoning too.
  const answer = createThinkSplitter({
    content(text) {
      content += text;
      handlers.onDelta?.(text);
    },
    reasoning: thoughts,
  });

  const apply = (parts: ChunkParts) => {
    if (parts.error !== undefined) throw new ProviderError(url, parts.error, content);
    if (parts.content !== undefined || parts.reasoning !== undefined || parts.toolCallFragments) {
      firstTokenAt ??= performance.now();
      deltas++;
    }
    if (parts.reasoning !== undefined) thoughts(parts.reasoning);
    if (parts.content !== undefined) answer.push(parts.content);
    if (parts.toolCallFragments) mergeToolCalls(toolCalls, parts.toolCallFragments);
    if (parts.finishReason === 'error') throw new ProviderError(url, 'the provider ended the answer with an error', content);
    if (parts.finishReason !== undefined) finishReason = parts.finishReason;
    if (parts.usage) usage = parts.usage;
    if (parts.serverTimings) serverTimings = parts.serverTimings;
  };

  const onEvent = (event: SseEvent): 'stop' | void => {
    const data = event.data;
    if (data === '[DONE]') {
      sawDone = true;
      return 'stop';
    }
    // An empty `data:` is a heartbeat some proxies send.
    if (data === '') return;
    sawEvent = true;
    const json = parseJson(data);
    if (json === undefined) {
      // Half an event, flushed when the connection closed: the answer was cut, not garbled.
      if (event.unterminated) throw new StreamCutError(url, content);
      if (event.event === 'error') throw new ProviderError(url, data, content);
      throw new BadChunkError(url, data, content);
    }
    if (event.event === 'error') throw new ProviderError(url, errorMessage(json), content);
    apply(decodeChunk(json));
  };

  const onUnknownField = (field: SseUnknownField): void => {
    // llama-server (2025 builds): `error: {"code":..,"message":..,"type":..}`, then `data: [DONE]`.
    if (field.name === 'error') throw new ProviderError(url, errorMessage(parseJson(field.value) ?? field.value), content);
    // Ollama: a bare JSON error line with no `data:`.
    const json = parseJson(field.line);
    if (isRecord(json) && json.error !== undefined && json.error !== null) throw new ProviderError(url, errorMessage(json.error), content);
    firstStrayLine ??= field.line;
  };

  /** A response that is not an event stream: a whole (non-streamed) completion, an error object, or no chat at all. */
  const fromBody = (body: PlainBody): ChatResult => {
    const json = parseJson(body.text);
    if (!isRecord(json)) throw new UnexpectedBodyError(url, body.contentType, bodyExcerpt(body.text));
    if (json.error !== undefined && json.error !== null) throw new ProviderError(url, errorMessage(json.error));
    if (!Array.isArray(json.choices)) throw new UnexpectedBodyError(url, body.contentType, errorBodyMessage(body.text));
    apply(decodeChunk(json));
    return result(false);
  };

  const result = (aborted: boolean): ChatResult => {
    answer.end();
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
        tokensPerSecond: tokensPerSecond(tokens, generationMs, 'arrival'),
      },
      aborted,
    };
  };

  return {
    get gotTokens() {
      return firstTokenAt !== undefined;
    },
    result,
    async execute(body, signal) {
      const timeouts = endpoint.timeouts ?? {};
      let outcome;
      try {
        outcome = await postSse(url, body, { ...requestHeaders(endpoint), 'content-type': 'application/json' }, { onEvent, onUnknownField }, {
          ...(signal ? { signal } : {}),
          ...(timeouts.connectMs !== undefined ? { connectTimeoutMs: timeouts.connectMs } : {}),
          ...(timeouts.idleMs !== undefined ? { idleTimeoutMs: timeouts.idleMs } : {}),
          ...(timeouts.stallMs !== undefined ? { stallTimeoutMs: timeouts.stallMs } : {}),
          ...(timeouts.overallMs !== undefined ? { overallTimeoutMs: timeouts.overallMs } : {}),
          ...(endpoint.proxy ? { proxy: endpoint.proxy } : {}),
          describeErrorBody: errorBodyMessage,
        });
      } catch (error) {
        // The transport failed once the answer had begun: the person has seen part of it.
        if (error instanceof StreamClosedError) throw new StreamCutError(url, content, { cause: error });
        if ((error instanceof TimeoutError || error instanceof EventTooLargeError) && firstTokenAt !== undefined) throw new StreamCutError(url, content, { cause: error });
        throw error;
      }
      if (outcome.aborted) return result(true);
      if (outcome.body) return fromBody(outcome.body);
      if (sawDone || finishReason !== undefined) return result(false);
      if (!sawEvent && firstStrayLine !== undefined) throw new UnexpectedBodyError(url, outcome.contentType ?? '', bodyExcerpt(firstStrayLine));
      throw new StreamCutError(url, content);
    },
  };
}
