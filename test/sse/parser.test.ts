import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventTooLargeError } from '../../src/sse/errors.ts';
import { createSseParser, type SseEvent, type SseUnknownField } from '../../src/sse/parser.ts';

function parse(input: string | Uint8Array, chunks?: number[], fields?: SseUnknownField[]): SseEvent[] {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const events: SseEvent[] = [];
  const parser = createSseParser({ onEvent: (event) => events.push(event), ...(fields ? { onUnknownField: (field: SseUnknownField) => void fields.push(field) } : {}) });
  let start = 0;
  for (const point of [...(chunks ?? []), bytes.length]) {
    parser.feed(bytes.subarray(start, point));
    start = point;
  }
  parser.end();
  return events;
}

describe('SSE parser (WHATWG rules)', () => {
  it('dispatches on a blank line, joining several data lines with LF', () => {
    expect(parse('data: a\ndata: b\n\ndata: c\n\n')).toEqual([{ data: 'a\nb' }, { data: 'c' }]);
  });

  it('accepts LF, CR and CRLF line ends, also a CRLF split across chunks', () => {
    expect(parse('data: a\r\rdata: b\r\n\r\ndata: c\n\n')).toEqual([{ data: 'a' }, { data: 'b' }, { data: 'c' }]);
    const crlf = 'data: x\r\n\r\ndata: y\r\n\r\n';
    for (let cut = 1; cut < crlf.length; cut++) expect(parse(crlf, [cut]), `cut at ${cut}`).toEqual([{ data: 'x' }, { data: 'y' }]);
  });

  it('strips exactly one space after the colon; a line without colon is a field with an empty value', () => {
    expect(parse('data:x\n\ndata:  x\n\ndata\ndata\n\n')).toEqual([{ data: 'x' }, { data: ' x' }, { data: '\n' }]);
    expect(parse('data:a:b\n\n')).toEqual([{ data: 'a:b' }]);
  });

  it('drops comments (keepalives) and events without data; an empty data line still dispatches', () => {
    const comments: string[] = [];
    const events: SseEvent[] = [];
    const parser = createSseParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c) });
    parser.feed(Buffer.from(': OPENROUTER PROCESSING\n\nevent: ping\n\ndata: a\n: inside\ndata: b\n\ndata:\n\n'));
    parser.end();
    expect(events).toEqual([{ data: 'a\nb' }, { data: '' }]);
    expect(comments).toEqual(['OPENROUTER PROCESSING', 'inside']);
  });

  it('passes event, id and retry along; id persists, ids with NUL and non-numeric retry are ignored', () => {
    expect(parse('event: error\nid: 7\nretry: 1500\ndata: x\n\ndata: y\n\nid: bad\0id\nretry: 2000x\ndata: z\n\n')).toEqual([
      { data: 'x', event: 'error', id: '7', retry: 1500 },
      { data: 'y', id: '7' },
      { data: 'z', id: '7' },
    ]);
  });

  it('ignores one leading BOM, even split across chunks, and passes [DONE] unchanged', () => {
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('data: [DONE]\n\n')]);
    expect(parse(input, [1])).toEqual([{ data: '[DONE]' }]);
    expect(parse(input, [2, 3])).toEqual([{ data: '[DONE]' }]);
  });

  it('never garbles a multi-byte character split across chunks', () => {
    const input = Buffer.from('data: привет 😀 中文\n\n');
    for (let cut = 1; cut < input.length; cut++) expect(parse(input, [cut])[0]?.data).toBe('привет 😀 中文');
  });

  it('flushes what is pending at end of stream without the final blank line, marked unterminated', () => {
    expect(parse('data: a\n\ndata: last')).toEqual([{ data: 'a' }, { data: 'last', unterminated: true }]);
    expect(parse('data: [DONE]\n')).toEqual([{ data: '[DONE]', unterminated: true }]);
    expect(parse('data: {"choices":[{"del')).toEqual([{ data: '{"choices":[{"del', unterminated: true }]);
    expect(parse('data: whole\n\n')).toEqual([{ data: 'whole' }]);
  });

  it('passes on lines with a field the spec does not know, whole and in stream order', () => {
    const log: unknown[] = [];
    const parser = createSseParser({ onEvent: (e) => log.push(e.data), onUnknownField: (f) => log.push(f) });
    parser.feed(Buffer.from('data: a\n\nerror: {"code":500,"message":"boom"}\n\ndata: [DONE]\n\n{"error":{"message":"x"}}\nFoo\n'));
    parser.end();
    expect(log).toEqual([
      'a',
      { name: 'error', value: '{"code":500,"message":"boom"}', line: 'error: {"code":500,"message":"boom"}' },
      '[DONE]',
      { name: '{"error"', value: '{"message":"x"}}', line: '{"error":{"message":"x"}}' },
      { name: 'Foo', value: '', line: 'Foo' },
    ]);
  });

  it('treats U+2028 and U+2029 as ordinary characters, not line ends', () => {
    expect(parse('data: a\u2028b\u2029c\n\n')).toEqual([{ data: 'a\u2028b\u2029c' }]);
  });

  it('throws a typed error when one event exceeds the size limit, also when it arrives in pieces', () => {
    const parser = createSseParser({ onEvent: () => {}, maxEventSize: 1000 });
    expect(() => {
      for (let i = 0; i < 100; i++) parser.feed(Buffer.from('x'.repeat(50)));
    }).toThrow(EventTooLargeError);
    const lines = createSseParser({ onEvent: () => {}, maxEventSize: 1000 });
    expect(() => lines.feed(Buffer.from('data: aaaa\n'.repeat(300)))).toThrow(EventTooLargeError);
  });

  it('property: any chunking of a stream gives the same events and unknown fields as parsing it whole', () => {
    const field = fc.constantFrom('data', 'event', 'id', 'retry', ': comment', 'data', 'error', '{"error"');
    const value = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
    const lineEnd = fc.constantFrom('\n', '\r', '\r\n');
    const line = fc.tuple(field, value, lineEnd).map(([f, v, end]) => (f.startsWith(':') ? `${f}${v}${end}` : `${f}: ${v}${end}`));
    const stream = fc.array(fc.oneof(line, lineEnd), { maxLength: 30 }).map((parts) => Buffer.from(parts.join('')));
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const [split, whole]: SseUnknownField[][] = [[], []];
        expect(parse(bytes, points, split)).toEqual(parse(bytes, [], whole));
        expect(split).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });

  it('property: random bytes never throw, and no CR reaches an event, whatever the chunking', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 5 }), (bytes, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        for (const event of parse(bytes, points)) expect(event.data).not.toContain('\r');
      }),
      { numRuns: 500 },
    );
  });
});
