import type { ChatResult } from '../broker/index.ts';
import type { ResolvedPreset } from '../config/index.ts';
import type { ExchangeDraft } from './ports.ts';

/** What the footer under an answer (or a whole goal) reports. */
export interface AnswerStats {
  preset: string;
  model: string;
  completionTokens?: number;
  tokensPerSecond?: number;
  ttftMs?: number;
  totalMs: number;
  /** Goals only: the steps proposed. */
  steps?: number;
  /** The embedded engine's resident memory after the answer. */
  memoryBytes?: number;
}

export function statsOf(preset: ResolvedPreset, result: ChatResult): AnswerStats {
  const { ttftMs, tokensPerSecond, totalMs } = result.timings;
  const tokens = result.usage?.completionTokens;
  return {
    preset: preset.name,
    model: preset.model,
    totalMs,
    ...(tokens !== undefined ? { completionTokens: tokens } : {}),
    ...(tokensPerSecond !== undefined ? { tokensPerSecond } : {}),
    ...(ttftMs !== undefined ? { ttftMs } : {}),
    ...(result.engine ? { memoryBytes: result.engine.rssBytes } : {}),
  };
}

/** The log's usage and timings fields, from one answer. */
export function loggedUsage(result: ChatResult): Pick<ExchangeDraft, 'usage' | 'timings'> {
  const { usage, timings } = result;
  return {
    ...(usage
      ? { usage: { ...(usage.promptTokens !== undefined ? { promptTokens: usage.promptTokens } : {}), ...(usage.completionTokens !== undefined ? { completionTokens: usage.completionTokens } : {}) } }
      : {}),
    timings: {
      ...(timings.ttftMs !== undefined ? { ttftMs: timings.ttftMs } : {}),
      totalMs: timings.totalMs,
      ...(timings.tokensPerSecond !== undefined ? { tokensPerSecond: timings.tokensPerSecond } : {}),
    },
  };
}
