import { describe, expect, it } from 'vitest';
import { createOutputCapture, plainLines } from '../../src/shell/capture.ts';
import { createModeTracker } from '../../src/shell/mode-tracker.ts';

/** Every way to cut `bytes` into three chunks. */
function* threeWayCuts(bytes: Buffer): Generator<Buffer[]> {
  for (let i = 0; i <= bytes.length; i++) {
    for (let j = i; j <= bytes.length; j++) yield [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)];
  }
}

describe('mode tracker', () => {
  const stream = Buffer.from(
    ['\x1b[?1049h', '\x1b[?25l', '\x1b[?1000;1006h', '\x1b[?2004h', '\x1b=', '\x1b[?1h', 'abc\x1b[31mred\x1b[0m', '\x1b[?1000l', '\x1b]0;t\x07', '\x1b[?1049l'].join('xx'),
  );

  it('undoes exactly the modes still on, however the output is cut', () => {
    for (const chunks of threeWayCuts(stream)) {
      const tracker = createModeTracker();
      for (const chunk of chunks) tracker.scan(chunk);
      expect(tracker.resetSequence()).toBe('\x1b[?25h\x1b[?1006l\x1b[?2004l\x1b[?1l\x1b>');
      expect(tracker.restoreSequence()).toBe('\x1b[?25l\x1b[?1006h\x1b[?2004h\x1b[?1h\x1b=');
      expect(tracker.usedAlternateScreen).toBe(true);
    }
  });

  it('ignores non-private and unknown modes, and needs nothing for plain text', () => {
    const tracker = createModeTracker();
    tracker.scan(Buffer.from('\x1b[4h\x1b[?12h\x1b[1;31mplain\xff\xfe text\x1b[2J'));
    expect(tracker.resetSequence()).toBe('');
    expect(tracker.usedAlternateScreen).toBe(false);
  });
});

describe('output capture ring', () => {
  it('keeps exactly the last maxBytes whatever the chunk sizes, and starts at a whole line', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i}`);
    const all = Buffer.from(lines.join('\n') + '\n');
    for (const size of [1, 7, 64, 300, 1000, 5000]) {
      const capture = createOutputCapture({ maxLines: 1000, maxBytes: 1024 });
      for (let at = 0; at < all.length; at += size) capture.push(all.subarray(at, at + size));
      const { text, truncated } = await capture.render({ cols: 80, rows: 24 });
      const tail = all.subarray(all.length - 1024).toString();
      expect(text).toBe(tail.slice(tail.indexOf('\n') + 1).trimEnd());
      expect(truncated).toBe(true);
    }
  });
});

describe('output capture: plain output without a terminal emulator', () => {
  it('gives what the emulator gives for lines, colours, titles and carriage returns', async () => {
    const samples = [
      'one\r\ntwo  \r\n\r\n',
      '\x1b[31mred\x1b[0m and \x1b[1;32mgreen\x1b[m\r\n',
      '\x1b]0;title\x07\x1b[?2004lafter title\r\n',
      'fetch 10%\rfetch 55%\rfetch 100%\r\nnext\r\n',
      'long '.repeat(60),
      'café 😀 中文\r\n',
    ];
    for (const sample of samples) {
      const bytes = Buffer.from(sample);
      expect(plainLines(bytes), JSON.stringify(sample)).toBeDefined();
      const fast = createOutputCapture({ maxLines: 100, maxBytes: 4096 });
      fast.push(bytes);
      const viaEmulator = createOutputCapture({ maxLines: 100, maxBytes: 4096 });
      // A cursor movement forces the emulator; home is where the cursor already is.
      viaEmulator.push(Buffer.concat([Buffer.from('\x1b[H'), bytes]));
      expect((await fast.render({ cols: 80, rows: 24 })).text).toBe((await viaEmulator.render({ cols: 80, rows: 24 })).text);
    }
    expect(plainLines(Buffer.from('abc\x1b[3Dxyz'))).toBeUndefined();
    expect(plainLines(Buffer.from('a\tb'))).toBeUndefined();
  });
});
