import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPiped } from '../../src/cli/commands/read-piped.ts';

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}`).join('\n') + '\n';

/** A writer that never ends (`yes`): numbered lines for as long as they are read. */
function endless(): Readable {
  let n = 0;
  return new Readable({
    read() {
      this.push(Buffer.from(lines(n + 1, n + 100)));
      n += 100;
    },
  });
}

describe('readPiped: bounded memory, whole lines at both ends', () => {
  it('returns small input whole', async () => {
    expect(await readPiped(Readable.from(['a\n', 'b\n']), { keepBytes: 100 })).toEqual({ head: 'a\nb\n', tail: '', cutLines: 0, unread: false });
  });

  it('keeps whole lines at each end and counts every line between them', async () => {
    const input = lines(1, 5000);
    // Uneven chunks, so the cuts fall mid-line.
    const chunks = input.match(/[\s\S]{1,37}/g)!;
    const excerpt = await readPiped(Readable.from(chunks.map((c) => Buffer.from(c))), { keepBytes: 200 });
    expect(excerpt.head.startsWith('1\n2\n')).toBe(true);
    expect(excerpt.tail.endsWith('4999\n5000\n')).toBe(true);
    const kept = (excerpt.head + excerpt.tail).split('\n').filter(Boolean).length;
    expect(kept + excerpt.cutLines).toBe(5000);
    expect(excerpt.head.length).toBeLessThanOrEqual(200);
    expect(excerpt.tail.length).toBeLessThanOrEqual(240);
    expect(excerpt.unread).toBe(false);
  });

  it('stops at its cap without waiting for an end that never comes, and the tail says the input went on', async () => {
    const excerpt = await readPiped(endless(), { keepBytes: 200, maxBytes: 10_000 });
    expect(excerpt.unread).toBe(true);
    expect(excerpt.head.startsWith('1\n2\n3\n')).toBe(true);
    expect(excerpt.tail).toMatch(/\n\[… the input went on; conch stopped reading it here …\]\n$/);
    // Every line read up to the cap is either kept or counted, the one broken by the cap included.
    const read = lines(1, 3000).slice(0, 10_000);
    const keptLines = (excerpt.head + excerpt.tail).split('\n').filter(Boolean).length - 1;
    expect(keptLines + excerpt.cutLines).toBe(read.split('\n').length);
    // The last line kept is the last whole line read.
    const lastKept = excerpt.tail.split('\n').at(-3)!;
    expect(read.slice(0, read.lastIndexOf('\n') + 1).endsWith(`\n${lastKept}\n`)).toBe(true);
  });

  it('a small input cut by the cap loses only its broken last line', async () => {
    expect(await readPiped(endless(), { keepBytes: 1000, maxBytes: 11 })).toEqual({ head: '1\n2\n3\n4\n5\n', tail: '[… the input went on; conch stopped reading it here …]\n', cutLines: 1, unread: true });
  });

  it('stops when the signal fires, even while the writer is silent', async () => {
    const silent = new Readable({ read() {} });
    silent.push('only line\n');
    const controller = new AbortController();
    const reading = readPiped(silent, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(reading).resolves.toMatchObject({ head: 'only line\n', unread: true });
  });
});
