import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { engineFor, engineInstalled, EngineMissingError, ModelNotPulledError, ModelUnusableError, pickThreads, type EmbeddedModel } from '../engine/index.ts';
import { toChatHistory, toFunctions } from './llama-history.ts';
import { tokensPerSecond } from './rate.ts';
import type { ChatHandlers, ChatMessage, ChatOptions, ChatResult, ModelEndpoint, ToolCall } from './types.ts';

/**
 * chatStream for an embedded preset: the same contract as a server (text and
 * reasoning deltas, tool calls, usage, timings, abort), answered by the engine
 * process. The first question starts the engine and loads the model; later
 * ones find it warm. Ctrl-C resolves at once, with what arrived.
 */
export async function embeddedChatStream(
  endpoint: ModelEndpoint & { embedded: EmbeddedModel },
  messages: readonly ChatMessage[],
  handlers: ChatHandlers,
  options: ChatOptions,
): Promise<ChatResult> {
  const model = endpoint.embedded;
  if (model.problem !== undefined) throw new ModelUnusableError(endpoint.name, model.problem);
  if (model.path === undefined || !existsSync(model.path)) throw new ModelNotPulledError(endpoint.name, model.path ?? model.source, model.url !== undefined);
  if (!engineInstalled(model.engineDir)) throw new EngineMissingError(model.engineDir);

  const started = performance.now();
  let firstTokenAt: number | undefined;
  let loadMs: number | undefined;
  let startMs: number | undefined;
  let content = '';
  let reasoning = '';
  const functions = toFunctions(options.tools);
  const outcome = await engineFor(model.engineDir, model.logFile).chat(
    {
      modelPath: model.path,
      contextSize: model.contextSize,
      threads: model.threads ?? pickThreads(availableParallelism()),
      history: toChatHistory(messages),
      ...(functions ? { functions } : {}),
      ...(endpoint.maxTokens !== undefined ? { maxTokens: endpoint.maxTokens } : {}),
      ...(endpoint.temperature !== undefined ? { temperature: endpoint.temperature } : {}),
    },
    (event) => {
      if (event.type === 'loaded') {
        loadMs = event.loadMs;
        startMs = event.startMs;
        return;
      }
      firstTokenAt ??= performance.now();
      if (event.type === 'delta') {
        content += event.text;
        handlers.onDelta?.(event.text);
      } else {
        reasoning += event.text;
        handlers.onReasoning?.(event.text);
      }
    },
    options.signal,
  );
  const totalMs = performance.now() - started;
  const ttftMs = firstTokenAt === undefined ? undefined : firstTokenAt - started;
  if (outcome.kind === 'aborted') {
    return { content, reasoning, toolCalls: [], finishReason: undefined, usage: undefined, serverTimings: undefined, timings: { ttftMs, totalMs, tokensPerSecond: undefined }, aborted: true };
  }
  const result = outcome.result;
  const toolCalls: ToolCall[] = result.toolCalls.map((call) => ({ id: `call_${randomUUID().replace(/-/g, '').slice(0, 12)}`, type: 'function', function: call }));
  const generated = result.completionTokens;
  return {
    content,
    reasoning,
    toolCalls,
    finishReason: toolCalls.length > 0 ? 'tool_calls' : result.stopReason === 'maxTokens' ? 'length' : 'stop',
    usage: { promptTokens: result.promptTokens, completionTokens: generated, totalTokens: result.promptTokens + generated },
    serverTimings: { prompt_n: result.evaluatedTokens, prompt_ms: result.promptMs, predicted_n: generated, predicted_ms: result.generationMs, ...(loadMs !== undefined ? { load_ms: loadMs } : {}), ...(startMs !== undefined ? { start_ms: startMs } : {}) },
    timings: {
      // A tool call streams no text: its first token came when generation started.
      ttftMs: ttftMs ?? (generated > 0 ? totalMs - result.generationMs : undefined),
      totalMs,
      tokensPerSecond: tokensPerSecond(generated, result.generationMs, 'engine'),
    },
    aborted: false,
    engine: { rssBytes: result.rssBytes, ...(loadMs !== undefined ? { loadMs } : {}) },
  };
}
