import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer, renderMarkdown } from '../../src/render/index.ts';
import { cut, screen, stream } from './screen.ts';

function recorder(options: { cols?: number | (() => number); color?: boolean; showReasoning?: 'dim' | 'hidden' } = {}) {
  const writes: string[] = [];
  const cols = options.cols ?? 60;
  const renderer = createMarkdownRenderer({
    write: (text) => void writes.push(text),
    width: typeof cols === 'function' ? cols : () => cols,
    color: options.color ?? false,
    ...(options.showReasoning ? { showReasoning: options.showReasoning } : {}),
  });
  return { renderer, writes, out: () => writes.join('') };
}

describe('streaming', () => {
  it('shows the partial line as it grows, writing only the new characters, then the rendered line', async () => {
    const { renderer, writes, out } = recorder({ color: true });
    renderer.delta('Hel');
    renderer.delta('lo **wor');
    expect(writes).toEqual(['Hel', 'lo **wor']);
    renderer.delta('ld**\n');
    expect(writes[2]).toBe('\r\x1b[JHello \x1b[1mworld\x1b[22m\r\n');
    renderer.end();
    expect(await screen(out())).toBe('Hello world');
  });

  it('erases a partial line that wrapped over several rows, wide characters included', async () => {
    const { renderer, out } = recorder({ cols: 10 });
    renderer.delta('abcdefghi中文 **x** 😀 tail');
    expect(await screen(out(), 10)).toBe('abcdefghi\n中文 **x**\n 😀 tail');
    renderer.delta(' end\nnext');
    renderer.end();
    expect(await screen(out(), 10)).toBe('abcdefghi\n中文 x 😀\ntail end\nnext');
  });

  it('shows the code prefix before a code line still arriving', async () => {
    const { renderer, out } = recorder();
    renderer.delta('```sh\nls -');
    expect(await screen(out())).toBe('┌─ sh\n│ ls -');
  });

  it('shows table rows raw while they arrive, then the aligned table', async () => {
    const { renderer, out } = recorder();
    renderer.delta('| a | b |\n|---|---|\n| 1 | 2');
    expect(await screen(out())).toBe('| a | b |\n|---|---|\n| 1 | 2');
    renderer.delta(' |\n\nafter');
    renderer.end();
    expect(await screen(out())).toBe('┌───┬───┐\n│ a │ b │\n├───┼───┤\n│ 1 │ 2 │\n└───┴───┘\n\nafter');
  });

  it('uses the new width for lines after a resize', async () => {
    let cols = 40;
    const { renderer, out } = recorder({ cols: () => cols });
    renderer.delta('one two three four five six seven\n');
    cols = 20;
    renderer.delta('one two three four five six seven\n');
    renderer.end();
    expect(await screen(out(), 40)).toBe('one two three four five six seven\none two three four\nfive six seven');
  });

  it('handles a CRLF split across deltas, and ignores deltas after the end', async () => {
    const { renderer, out } = recorder();
    renderer.delta('a\r');
    renderer.delta('\nb');
    renderer.end();
    renderer.delta('late');
    renderer.end();
    expect(await screen(out())).toBe('a\nb');
  });

  it('marks an interrupted answer after closing its open code block', async () => {
    const { renderer, out } = recorder();
    renderer.delta('```sh\nls\nrm -');
    renderer.interrupted();
    expect(await screen(out())).toBe('┌─ sh\n│ ls\n│ rm -\n└─\n[interrupted]');
  });
});

describe('reasoning', () => {
  it('is shown dimmed under a header, apart from the answer', async () => {
    const { renderer, out } = recorder({ color: true });
    renderer.reasoning('\nlet me ');
    renderer.reasoning('think\nabout it\n');
    renderer.delta('Answer.\n');
    renderer.reasoning('late thoughts');
    renderer.end();
    expect(out()).toContain('\x1b[2mlet me \x1b[22m');
    expect(out()).not.toContain('late thoughts');
    expect(await screen(out())).toBe('thinking\n┆ let me think\n┆ about it\n\nAnswer.');
  });

  it('when hidden, shows only a "thinking…" note, erased when the answer starts', async () => {
    const { renderer, out } = recorder({ showReasoning: 'hidden' });
    renderer.reasoning('secret thoughts');
    expect(await screen(out())).toBe('thinking…');
    renderer.delta('ok\n');
    renderer.end();
    expect(out()).not.toContain('secret');
    expect(await screen(out())).toBe('ok');
  });
});

describe('property: any chunking leaves the same screen as the whole answer', () => {
  const answer = [
    '# Finding big files\n\n',
    'Use **du** with `sort`, a long sentence that certainly needs wrapping at forty columns.\n\n',
    '```sh\ndu -sh * | sort -h\t# biggest last\n```\n\n',
    '| flag | meaning |\n|---|:---:|\n| -s | summary of everything below |\n| -h | human |\n\n',
    '- first point\n- second *point* 😀 中文 with a tail that wraps around\n  continued\n> quoted **strong text across the edge of the row**\n',
    '1. a [link](https://example.com/a/long/path) here\n\n---\ntrailing partial line without newline',
  ].join('');

  it.each([true, false])('color %s', async (color) => {
    const whole = await screen(stream([answer], { cols: 40, color }), 40);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: answer.length - 1 }), { maxLength: 40 }), async (points) => {
        expect(await screen(stream(cut(answer, points), { cols: 40, color }), 40)).toBe(whole);
      }),
      { numRuns: 50 },
    );
  });

  it('holds for generated answers, one character per delta and renderMarkdown included', async () => {
    const fragment = fc.constantFrom(
      '# head\n', 'plain words that go on and on for a while ', '**bold** ', '`code` ', '中文😀 ', '\n', '\n\n', '- item\n', '  - sub\n',
      '> quote ', '```js\nlet a = 1;\n', '```\n', '| x | y |\n', '|---|---|\n', '| 1 | 2 |\n', '---\n', '\t', '[l](http://e.x) ',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 20 }), fc.integer({ min: 12, max: 50 }), async (parts, points, cols) => {
        const text = parts.join('');
        const whole = await screen(stream([text], { cols }), cols);
        expect(await screen(stream(cut(text, points.map((p) => p % Math.max(1, text.length))), { cols }), cols)).toBe(whole);
        expect(await screen(stream([...text], { cols }), cols)).toBe(whole);
        expect(await screen(renderMarkdown(text, { width: cols, color: true }), cols)).toBe(whole);
      }),
      { numRuns: 60 },
    );
  });
});
