import { describe, expect, it } from 'vitest';
import { cutMarker, fitExcerpt, fitText } from '../../src/app/index.ts';
import { estimateTokens } from '../../src/context/index.ts';

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

describe('fitText: head and tail within a token budget', () => {
  it('keeps a text that fits as it is', () => {
    expect(fitText('a\nb\nc', 100)).toEqual({ text: 'a\nb\nc', cut: false });
  });

  it('keeps the first and last lines around a marker counting exactly the lines cut', () => {
    const { text, cut } = fitText(numbered(10_000), 200);
    expect(cut).toBe(true);
    expect(estimateTokens(text)).toBeLessThanOrEqual(200);
    expect(text.startsWith('line 1\nline 2\n')).toBe(true);
    expect(text.endsWith('line 9999\nline 10000')).toBe(true);
    const kept = text.split('\n').filter((line) => line.startsWith('line ')).length;
    const marker = /\[… (\d+) lines cut …\]/.exec(text);
    expect(Number(marker?.[1])).toBe(10_000 - kept);
  });

  it('cuts one huge line by characters, both ends kept', () => {
    const json = `{"a":"${'x'.repeat(50_000)}","end":true}`;
    const { text } = fitText(json, 100);
    expect(estimateTokens(text)).toBeLessThanOrEqual(100);
    expect(text.startsWith('{"a":"xx')).toBe(true);
    expect(text.endsWith('"end":true}')).toBe(true);
    expect(text).toMatch(/\[… \d+ characters cut …\]/);
  });

  it('adds the lines a bounded reader dropped to the count', () => {
    const { text } = fitExcerpt({ head: 'h1\nh2\n', tail: 't1\nt2\n', cutLines: 500 }, 200);
    expect(text).toBe(`h1\nh2\n${cutMarker(500)}\nt1\nt2\n`);
    const tight = fitExcerpt({ head: `${numbered(100)}\n`, tail: `${numbered(100)}\n`, cutLines: 1000 }, 60);
    const kept = tight.text.split('\n').filter((line) => line.startsWith('line ')).length;
    expect(Number(/\[… (\d+) lines cut …\]/.exec(tight.text)?.[1])).toBe(1200 - kept);
  });
});
