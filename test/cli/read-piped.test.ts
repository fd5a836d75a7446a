import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPiped } from '../../src/cli/commands/read-piped.ts';

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}`).join('\n') + '\n';

describe('readPiped: bounded memory, whole lines at both ends', () => {
  it('returns small input whole', async () => {
    expect(await readPiped(Readable.from(['a\n', 'b\n']), 100)).toEqual({ head: 'a\nb\n', tail: '', cutLines: 0 });
  });

  it('keeps whole lines at each end and counts every line between them', async () => {
    const input = lines(1, 5000);
    // Uneven chunks, so the cuts fall mid-line.
    const chunks = input.match(/[\s\S]{1,37}/g)!;
    const excerpt = await readPiped(Readable.from(chunks.map((c) => Buffer.from(c))), 200);
    expect(excerpt.head.startsWith('1\n2\n')).toBe(true);
    expect(excerpt.tail.endsWith('4999\n5000\n')).toBe(true);
    const kept = (excerpt.head + excerpt.tail).split('\n').filter(Boolean).length;
    expect(kept + excerpt.cutLines).toBe(5000);
    expect(excerpt.head.length).toBeLessThanOrEqual(200);
    expect(excerpt.tail.length).toBeLessThanOrEqual(240);
  });
});
