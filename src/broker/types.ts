import type { EmbeddedModel } from '../engine/index.ts';
import type { ProxySettings } from '../sse/index.ts';

/** Where and how to reach one model (a resolved preset). */
export interface ModelEndpoint {
  /** The preset's name, for messages. */
  name: string;
  /** Up to and including /v1, e.g. http://127.0.0.1:8080/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** The NAME of the env var the key came from (or should come from), for error messages. */
  apiKeyEnv?: string;
  temperature?: number;
  maxTokens?: number;
  timeouts?: { connectMs?: number; idleMs?: number; stallMs?: number; overallMs?: number };
  /** From HTTP_PROXY, HTTPS_PROXY, NO_PROXY; loopback is never proxied. */
  proxy?: ProxySettings;
  /** Set for an embedded preset: answered in-process from a GGUF file instead of by a server at baseUrl. */
  embedded?: EmbeddedModel;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

export interface ChatHandlers {
  onDelta?: (text: string) => void;
  onReasoning?: (text: string) => void;
  /** A retry is coming (429, 502, 503 or 504 before any token). */
  onRetry?: (info: { attempt: number; delayMs: number; error: Error }) => void;
}

export interface ChatOptions {
  signal?: AbortSignal;
  /** OpenAI `tools` definitions, passed as given. */
  tools?: unknown[];
  /** Retries before the first token. @default 2 */
  retries?: number;
  /** Delay before retry n (1-based); tests shorten it. @default 500 ms x 3^(n-1) */
  backoffMs?: (attempt: number) => number;
}

export interface ChatResult {
  content: string;
  reasoning: string;
  toolCalls: ToolCall[];
  finishReason: string | undefined;
  usage: Usage | undefined;
  /** llama.cpp's own `timings` object, as sent. */
  serverTimings: Record<string, number> | undefined;
  /** Measured by conch: time to first token, total, completion tokens per second. */
  timings: { ttftMs: number | undefined; totalMs: number; tokensPerSecond: number | undefined };
  /** The caller's signal fired; content holds what arrived before. */
  aborted: boolean;
  /** Embedded engine only: its process's resident memory after the answer, and the model's load time when this answer loaded it (llama.cpp's own start-up is serverTimings.start_ms). */
  engine?: { rssBytes: number; loadMs?: number };
}
