import type { ChatFunctions, ChatHistoryItem } from './llama-api.ts';

/** Messages between conch and its engine process (JSON over the IPC channel). */
export type ToWorker = ChatRequest | { type: 'abort'; id: number };

export interface ChatRequest {
  type: 'chat';
  id: number;
  modelPath: string;
  contextSize: number;
  threads: number;
  history: ChatHistoryItem[];
  functions?: ChatFunctions;
  maxTokens?: number;
  temperature?: number;
}

export type FromWorker =
  /** The model was loaded for this request; `startMs` when llama.cpp itself was started first (once per engine process). */
  | { type: 'loaded'; id: number; loadMs: number; startMs?: number }
  | { type: 'delta'; id: number; text: string }
  | { type: 'reasoning'; id: number; text: string }
  | { type: 'done'; id: number; result: WorkerResult }
  | { type: 'error'; id: number; kind: 'load' | 'generate'; message: string };

export interface WorkerResult {
  content: string;
  toolCalls: { name: string; arguments: string }[];
  stopReason: string;
  /** Tokens in the context before the answer (the whole prompt, cached or not). */
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens evaluated for this answer (the rest came from the cache). */
  evaluatedTokens: number;
  promptMs: number;
  generationMs: number;
  /** The engine process's resident memory after the answer. */
  rssBytes: number;
}
