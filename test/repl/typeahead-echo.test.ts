import { describe, expect, it } from 'vitest';
import { typedAheadEchoWidth } from '../../src/repl/typeahead-echo.ts';

describe('the echo of a partial line typed ahead, at the end of the output', () => {
  it('is erased when the last line ends with it: after a line feed, after output without one, after edits and colours', () => {
    expect(typedAheadEchoWidth('echo part', 'echo part', 80)).toBe(9);
    expect(typedAheadEchoWidth('nonlecho part', 'echo part', 80)).toBe(9);
    expect(typedAheadEchoWidth('echo pa\b \bart', 'echo part', 80)).toBe(9);
    expect(typedAheadEchoWidth('echo parx\b \b', 'echo par', 80)).toBe(8);
    expect(typedAheadEchoWidth('\x1b[31mred\x1b[0mecho x', 'echo x', 80)).toBe(6);
    expect(typedAheadEchoWidth('echo cd', 'echo ab\necho cd', 80)).toBe(7);
    expect(typedAheadEchoWidth('ls 日本', 'ls 日本', 80)).toBe(7);
  });

  it('is left alone when it is not sure: output after it, echo off, a whole line, wrapping, cursor movement, control keys', () => {
    expect(typedAheadEchoWidth('echo partend', 'echo part', 80)).toBe(0);
    expect(typedAheadEchoWidth('', 'echo part', 80)).toBe(0);
    expect(typedAheadEchoWidth('done', 'echo part', 80)).toBe(0);
    expect(typedAheadEchoWidth('echo ab', 'echo ab\n', 80)).toBe(0);
    expect(typedAheadEchoWidth(`${'x'.repeat(75)}echo part`, 'echo part', 80)).toBe(0);
    expect(typedAheadEchoWidth('\x1b[2Aecho x', 'echo x', 80)).toBe(0);
    expect(typedAheadEchoWidth('echo x\x1b[3D', 'echo x', 80)).toBe(0);
    expect(typedAheadEchoWidth('a^Ab', 'a\x01b', 80)).toBe(0);
    expect(typedAheadEchoWidth(undefined, 'echo x', 80)).toBe(0);
  });
});
