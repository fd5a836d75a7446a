import { describe, expect, it } from 'vitest';
import { createEchoFilter } from '../../src/shell/echo.ts';
import { canonicalLine, fishLine, FISH_KEYS } from '../../src/shell/input.ts';

describe('typing a line into the shell', () => {
  it('quotes control bytes with ^V for the line discipline, starting with ^U, and knows their echo', () => {
    const { bytes, echo } = canonicalLine('a\x03b\tc\x7f');
    expect(bytes).toEqual(Buffer.from('\x15a\x16\x03b\tc\x16\x7f\n'));
    expect(echo.toString()).toBe('a^\b^Cb\tc^\b^?\r\n');
  });

  it('drops the echo and nothing else, even when the echo is off or an error follows it', () => {
    const filter = createEchoFilter(Buffer.from('ls\r\n'));
    expect(filter.push(Buffer.from('l'))).toEqual(Buffer.alloc(0));
    expect(filter.push(Buffer.from('s\r\nbash: ls: oops\r\n'))).toEqual(Buffer.from('bash: ls: oops\r\n'));
    const silent = createEchoFilter(Buffer.from('ls\r\n'));
    expect(silent.push(Buffer.from('lsx'))).toEqual(Buffer.from('lsx'));
    const cut = createEchoFilter(Buffer.from('ls\r\n'));
    cut.push(Buffer.from('l'));
    expect(cut.flush()).toEqual(Buffer.from('l'));
    // ^U erasing a partial line left in the terminal's buffer echoes backspace-space-backspace per character.
    const erased = createEchoFilter(Buffer.from(' ls\r\n'));
    expect(erased.push(Buffer.from('\b \b\b \b ls\r\nout'))).toEqual(Buffer.from('out'));
  });

  it('where a mark ends the wait, lets a job notice that races the keys pass and still drops the echo after it', () => {
    const filter = createEchoFilter(Buffer.from('wait $!\r\n'), { waitPastOutput: true });
    expect(filter.push(Buffer.from('[1]  + exit 5     ( exit 5; )\r\nwai'))).toEqual(Buffer.from('[1]  + exit 5     ( exit 5; )\r\n'));
    expect(filter.push(Buffer.from('t $!\r\nafter'))).toEqual(Buffer.from('after'));
    // A notice that begins like the echo: only the echo is dropped.
    const alike = createEchoFilter(Buffer.from('wait $!\r\n'), { waitPastOutput: true });
    expect(alike.push(Buffer.from('waited\r\nwait $!\r\n'))).toEqual(Buffer.from('waited\r\n'));
    expect(alike.done).toBe(true);
    // sh has no mark to end the wait: there, the first other byte ends the filter.
    expect(createEchoFilter(Buffer.from('wait $!\r\n')).push(Buffer.from('[1] Done\r\nwait $!\r\n'))).toEqual(Buffer.from('[1] Done\r\nwait $!\r\n'));
  });

  it('types a line into fish between its private keys, without control bytes it would act on', () => {
    expect(fishLine('echo a\x03b\tc', false).toString()).toBe(`${FISH_KEYS.clear}${FISH_KEYS.rawBegin}echo ab\tc${FISH_KEYS.rawEnd}${FISH_KEYS.exec}`);
    expect(fishLine('end', true).toString()).toBe(`${FISH_KEYS.rawBegin}\nend${FISH_KEYS.rawEnd}${FISH_KEYS.exec}`);
  });
});
