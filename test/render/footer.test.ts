import { describe, expect, it } from 'vitest';
import { renderFooter } from '../../src/render/index.ts';

describe('the footer', () => {
  it('shows the embedded engine\'s memory after the time to first token', () => {
    expect(renderFooter({ preset: 'local', model: 'qwen', completionTokens: 12, ttftMs: 850.4, memoryBytes: 1_234_000_000, totalMs: 2000, color: false })).toBe('local · qwen · 12 tokens · first token 850 ms · 1.2 GB memory · 2.0 s');
    expect(renderFooter({ preset: 'local', model: 'tiny', memoryBytes: 140_200_000, color: false })).toBe('local · tiny · 140 MB memory');
  });
});
