import { describe, expect, it } from 'vitest';
import { createProgressDisplay, formatBytes } from '../../src/models/index.ts';

function display(tty: boolean) {
  const out: string[] = [];
  let clock = 0;
  const progress = createProgressDisplay({ write: (text) => out.push(text), tty, label: 'qwen', now: () => clock });
  return { out, progress, at: (ms: number) => (clock = ms) };
}

describe('download progress', () => {
  it('on a terminal redraws one bar in place with bytes, rate and time left, at most every 100 ms', () => {
    const { out, progress, at } = display(true);
    at(0);
    progress.update({ received: 0, total: 100_000_000, resumedFrom: 0 });
    at(1000);
    progress.update({ received: 25_000_000, total: 100_000_000, resumedFrom: 0 });
    at(1050);
    progress.update({ received: 26_000_000, total: 100_000_000, resumedFrom: 0 });
    at(2000);
    progress.update({ received: 50_000_000, total: 100_000_000, resumedFrom: 0 });
    expect(out).toEqual([
      '\r\x1b[Kqwen  [------------------------]   0%  0 B / 100 MB',
      '\r\x1b[Kqwen  [######------------------]  25%  25 MB / 100 MB  25 MB/s  3s left',
      '\r\x1b[Kqwen  [############------------]  50%  50 MB / 100 MB  25 MB/s  2s left',
    ]);
    progress.finish();
    expect(out.at(-1)).toBe('\r\x1b[K');
  });

  it('counts only this session\'s bytes in the rate of a resumed download', () => {
    const { out, progress, at } = display(true);
    at(0);
    progress.update({ received: 60_000_000, total: 100_000_000, resumedFrom: 60_000_000 });
    at(2000);
    progress.update({ received: 80_000_000, total: 100_000_000, resumedFrom: 60_000_000 });
    expect(out.at(-1)).toBe('\r\x1b[Kqwen  [###################-----]  80%  80 MB / 100 MB  10 MB/s  2s left');
  });

  it('elsewhere writes a plain line at each tenth, and says where a resumed download started', () => {
    const { out, progress } = display(false);
    for (let received = 30_000_000; received <= 100_000_000; received += 5_000_000) progress.update({ received, total: 100_000_000, resumedFrom: 30_000_000 });
    expect(out).toEqual([
      'qwen: 30% of 100 MB (resumed at 30 MB)\r\n',
      'qwen: 40% of 100 MB\r\n',
      'qwen: 50% of 100 MB\r\n',
      'qwen: 60% of 100 MB\r\n',
      'qwen: 70% of 100 MB\r\n',
      'qwen: 80% of 100 MB\r\n',
      'qwen: 90% of 100 MB\r\n',
      'qwen: 100% of 100 MB\r\n',
    ]);
  });

  it('writes sizes in decimal units, as model hubs do', () => {
    expect([0, 999, 1000, 505_088, 88_000_000, 1_117_320_736].map(formatBytes)).toEqual(['0 B', '999 B', '1.0 kB', '505 kB', '88 MB', '1.1 GB']);
  });
});
