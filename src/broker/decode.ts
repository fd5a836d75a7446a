import { bodyExcerpt } from '../sse/index.ts';
import type { ToolCall, Usage } from './types.ts';

/** What one chat.completion.chunk contributes. Every field is optional on the wire. */
export interface ChunkParts {
  content?: string;
  reasoning?: string;
  toolCallFragments?: ToolCallFragment[];
  finishReason?: string;
  usage?: Usage;
  serverTimings?: Record<string, number>;
  error?: string;
}

export interface ToolCallFragment {
  index: number;
  id?: string;
  name?: string;
  arguments?: string;
}

/**
 * Reads the OpenAI delta shape tolerantly: `choices: []`, a missing `delta`,
 * null or absent fields, `reasoning_content` (llama.cpp, LM Studio) and
 * `reasoning` (Ollama, OpenRouter, vLLM), usage and timings on any chunk. A
 * non-streamed completion's `message` reads the same way. A refusal (OpenAI's
 * `refusal` field) is what the person gets instead of an answer, so it is
 * answer text.
 */
export function decodeChunk(json: unknown): ChunkParts {
  const parts: ChunkParts = {};
  if (!isRecord(json)) return parts;
  const error = json.error;
  if (error !== undefined && error !== null) parts.error = errorMessage(error);
  const choice: unknown = Array.isArray(json.choices) ? json.choices[0] : undefined;
  if (isRecord(choice)) {
    const delta = isRecord(choice.delta) ? choice.delta : isRecord(choice.message) ? choice.message : undefined;
    if (delta) {
      const text = (typeof delta.content === 'string' ? delta.content : '') + (typeof delta.refusal === 'string' ? delta.refusal : '');
      if (text !== '') parts.content = text;
      const reasoning = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
      if (typeof reasoning === 'string' && reasoning !== '') parts.reasoning = reasoning;
      if (Array.isArray(delta.tool_calls)) parts.toolCallFragments = delta.tool_calls.filter(isRecord).map(toFragment);
    }
    if (typeof choice.finish_reason === 'string') parts.finishReason = choice.finish_reason;
  }
  if (isRecord(json.usage)) parts.usage = toUsage(json.usage);
  if (isRecord(json.timings)) parts.serverTimings = numbersOnly(json.timings);
  return parts;
}

/**
 * Tool calls arrive in fragments keyed by index; arguments in pieces. The id
 * and name come once from OpenAI, but some servers repeat the name in every
 * fragment: a name equal to the one so far is not joined to it.
 */
export function mergeToolCalls(calls: ToolCall[], fragments: readonly ToolCallFragment[]): void {
  for (const fragment of fragments) {
    let call = calls[fragment.index];
    if (!call) {
      call = { id: '', type: 'function', function: { name: '', arguments: '' } };
      calls[fragment.index] = call;
    }
    if (fragment.id) call.id = fragment.id;
    if (fragment.name && fragment.name !== call.function.name) call.function.name += fragment.name;
    if (fragment.arguments) call.function.arguments += fragment.arguments;
  }
}

function toFragment(raw: Record<string, unknown>, position: number): ToolCallFragment {
  const fn = isRecord(raw.function) ? raw.function : {};
  const fragment: ToolCallFragment = { index: typeof raw.index === 'number' ? raw.index : position };
  if (typeof raw.id === 'string') fragment.id = raw.id;
  if (typeof fn.name === 'string') fragment.name = fn.name;
  if (typeof fn.arguments === 'string') fragment.arguments = fn.arguments;
  return fragment;
}

function toUsage(raw: Record<string, unknown>): Usage {
  const usage: Usage = {};
  if (typeof raw.prompt_tokens === 'number') usage.promptTokens = raw.prompt_tokens;
  if (typeof raw.completion_tokens === 'number') usage.completionTokens = raw.completion_tokens;
  if (typeof raw.total_tokens === 'number') usage.totalTokens = raw.total_tokens;
  return usage;
}

function numbersOnly(raw: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'number') out[key] = value;
  return out;
}

/** The message in the error shapes servers use: a string, `{message}`, `{error: ...}`, FastAPI's `{detail}`. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  if (isRecord(error)) {
    if (typeof error.message === 'string') return error.message;
    if (error.error !== undefined && error.error !== null) return errorMessage(error.error);
    if (typeof error.detail === 'string') return error.detail;
  }
  const json = JSON.stringify(error);
  return json.length > 200 ? `${json.slice(0, 199)}…` : json;
}

/** The server's own message in an HTTP error body: from its JSON when it is JSON, else a plain-text excerpt. */
export function errorBodyMessage(text: string): string {
  const json = parseJson(text);
  return json !== undefined && json !== null && typeof json === 'object' ? errorMessage(json) : bodyExcerpt(text);
}

/**
 * JSON.parse, undefined for text that is not JSON. Some servers write control
 * characters inside strings unescaped (a raw ESC from a coloured log line in
 * an error message): such text is read as if they were escaped, so the
 * message is found; what it holds is cleaned where it is shown.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const escaped = escapeRawControls(text);
    if (escaped === text) return undefined;
    try {
      return JSON.parse(escaped);
    } catch {
      return undefined;
    }
  }
}

/** Control characters inside JSON strings as `\u00XX` escapes; the rest as it is. One pass. */
function escapeRawControls(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!inString) {
      inString = code === 0x22;
    } else if (code === 0x5c) {
      i++;
    } else if (code === 0x22) {
      inString = false;
    } else if (code < 0x20) {
      out += `${text.slice(from, i)}\\u${code.toString(16).padStart(4, '0')}`;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
