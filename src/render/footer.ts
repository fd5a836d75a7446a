import { showExactly } from './sanitize.ts';
import { createStyle } from './style.ts';

/** One dim line after an answer: preset, model, tokens, speed, time to first token (and the embedded engine's memory). */
export function renderFooter(info: {
  preset: string;
  model: string;
  completionTokens?: number;
  tokensPerSecond?: number;
  ttftMs?: number;
  totalMs?: number;
  /** A goal's footer counts its steps. */
  steps?: number;
  /** The embedded engine's resident memory. */
  memoryBytes?: number;
  color: boolean;
}): string {
  // A model's name may come from the server (a probed local server's model list).
  const parts = [`${showExactly(info.preset)} · ${showExactly(info.model)}`];
  if (info.steps !== undefined) parts.push(`${info.steps} step${info.steps === 1 ? '' : 's'}`);
  if (info.completionTokens !== undefined) parts.push(`${info.completionTokens} tokens`);
  if (info.tokensPerSecond !== undefined) parts.push(`${info.tokensPerSecond.toFixed(1)} tok/s`);
  if (info.ttftMs !== undefined) parts.push(`first token ${Math.round(info.ttftMs)} ms`);
  if (info.memoryBytes !== undefined) parts.push(info.memoryBytes >= 1e9 ? `${(info.memoryBytes / 1e9).toFixed(1)} GB memory` : `${Math.round(info.memoryBytes / 1e6)} MB memory`);
  if (info.totalMs !== undefined) parts.push(`${(info.totalMs / 1000).toFixed(1)} s`);
  return createStyle(info.color).dim(parts.join(' · '));
}
