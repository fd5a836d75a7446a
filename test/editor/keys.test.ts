import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyParser, type Key } from '../../src/editor/keys.ts';

const names = (keys: Key[]) => keys.map((k) => `${k.ctrl ? 'C-' : ''}${k.meta ? 'M-' : ''}${k.name}${k.text ? `:${k.text}` : ''}`);

function parseAll(input: string | Buffer): string[] {
  const parser = createKeyParser();
  return names([...parser.push(Buffer.from(input)), ...parser.flushPendingEscape()]);
}

describe('key parser', () => {
  it('decodes control keys, Alt as an ESC prefix, and the usual escape sequences', () => {
    expect(parseAll('\x01\x05\x0b\x15\x17\x12\x0c\x03\x04\r\t\x7f\x08')).toEqual([
      'C-a', 'C-e', 'C-k', 'C-u', 'C-w', 'C-r', 'C-l', 'C-c', 'C-d', 'enter', 'tab', 'backspace', 'backspace',
    ]);
    expect(parseAll('\x1bb\x1bf\x1bd\x1b\x7f')).toEqual(['M-b', 'M-f', 'M-d', 'M-backspace']);
    expect(parseAll('\x1b[A\x1b[B\x1b[C\x1b[D\x1bOH\x1bOF\x1b[H\x1b[F\x1b[1~\x1b[4~\x1b[3~')).toEqual([
      'up', 'down', 'right', 'left', 'home', 'end', 'home', 'end', 'home', 'end', 'delete',
    ]);
    expect(parseAll('\x1b[1;5D\x1b[1;5C\x1b[1;3D')).toEqual(['C-left', 'C-right', 'M-left']);
  });

  it('decodes the less common variants: old xterm and rxvt modifiers, ESC-prefixed sequences, Ctrl-_, Alt-.', () => {
    expect(parseAll('\x1b[5D\x1b[5C\x1bOd\x1bOc\x1b[7~\x1b[8~\x1b[3;5~')).toEqual(['C-left', 'C-right', 'C-left', 'C-right', 'home', 'end', 'C-delete']);
    expect(parseAll('\x1b\x1b[D\x1b\x1b[C')).toEqual(['M-left', 'M-right']);
    expect(parseAll('\x1f\x1b.\x1b\r\x00')).toEqual(['C-_', 'M-.', 'M-enter', 'C-space']);
    expect(parseAll('\x1b\x1b')).toEqual(['escape', 'escape']);
    expect(parseAll('\x1b[99~\x1b[200~x\x1b[201~a')).toEqual(['paste:x', 'char:a']);
  });

  it('keeps multi-byte characters and escape sequences whole across chunk boundaries', () => {
    const parser = createKeyParser();
    const bytes = Buffer.from('é😀\x1b[D');
    const keys: Key[] = [];
    for (const byte of bytes) keys.push(...parser.push(Buffer.from([byte])));
    expect(names(keys)).toEqual(['char:é', 'char:😀', 'left']);
  });

  it('treats a lone ESC as Escape only once no more bytes follow', () => {
    const parser = createKeyParser();
    expect(parser.push(Buffer.from('\x1b'))).toEqual([]);
    expect(parser.hasPendingEscape()).toBe(true);
    expect(names(parser.flushPendingEscape())).toEqual(['escape']);
  });

  it('delivers a bracketed paste as one paste, newlines included, even when split', () => {
    const parser = createKeyParser();
    const keys = [...parser.push(Buffer.from('\x1b[200~echo a\necho')), ...parser.push(Buffer.from(' b\x1b[20')), ...parser.push(Buffer.from('1~x'))];
    expect(names(keys)).toEqual(['paste:echo a\necho b', 'char:x']);
  });

  it('gives the same keys for any chunking of the same bytes', () => {
    const input = Buffer.from('ab\x1b[Dé\x01\x1bbxyz\x1b[3~😀\x1b[1;5C\x1b\x1b[D\x1bOH\x1b[200~p\ré\x1b[201~\r');
    const whole = parseAll(input);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: input.length }), { maxLength: 8 }), (cuts) => {
        const parser = createKeyParser();
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const keys: Key[] = [];
        let start = 0;
        for (const point of [...points, input.length]) {
          keys.push(...parser.push(input.subarray(start, point)));
          start = point;
        }
        keys.push(...parser.flushPendingEscape());
        expect(names(keys)).toEqual(whole);
      }),
    );
  });
});

describe('terminal replies are not keys', () => {
  it('drops cursor position, device attribute, mode and colour reports wherever they arrive', () => {
    const parser = createKeyParser();
    const replies = '\x1b[12;40R\x1b[?62;22c\x1b[>1;10;0c\x1b[?2004;1$y\x1b]11;rgb:0000/0000/0000\x07\x1b]10;rgb:ffff/ffff/ffff\x1b\\';
    const keys = [...replies].flatMap((c) => parser.push(Buffer.from(c)));
    expect(keys).toEqual([]);
    expect(names(parser.push(Buffer.from('ls\r')))).toEqual(['char:l', 'char:s', 'enter']);
  });

  it('keeps the bytes of each key, so keys after a finished read can be handed back', () => {
    const parser = createKeyParser();
    expect(parser.push(Buffer.from('a\x1b[A\r\x1b[200~x\ny\x1b[201~')).map((key) => key.raw)).toEqual(['a', '\x1b[A', '\r', '\x1b[200~x\ny\x1b[201~']);
  });
});
