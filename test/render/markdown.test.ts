import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/index.ts';
import { screen, SGR, stream } from './screen.ts';

const plain = (markdown: string, cols = 60) => screen(renderMarkdown(markdown, { width: cols, color: false }), cols);
const colored = (markdown: string, cols = 60) => renderMarkdown(markdown, { width: cols, color: true });

describe('headings and inline styles', () => {
  it('shows headings bold and coloured, with their level as dim marks', async () => {
    const out = colored('# Title\n### Third *level*\n');
    expect(out).toContain('\x1b[2m#\x1b[22m \x1b[4m\x1b[1m\x1b[35mTitle');
    expect(out).toContain('\x1b[1m\x1b[33mThird \x1b[3mlevel');
    expect(await screen(out)).toBe('# Title\n### Third level');
  });

  it('styles strong, emphasis, strikethrough and code spans, dropping the markup', async () => {
    const out = colored('some **bold**, *it*, ~~gone~~ and `a | b` \\*star\\*\n');
    expect(out).toContain('\x1b[1mbold\x1b[22m');
    expect(out).toContain('\x1b[3mit\x1b[23m');
    expect(out).toContain('\x1b[9mgone\x1b[29m');
    expect(out).toContain('\x1b[36ma | b\x1b[39m');
    expect(await screen(out)).toBe('some bold, it, gone and a | b *star*');
  });

  it('shows a link with its URL dimmed, a bare URL once, and OSC 8 hyperlinks when asked', async () => {
    expect(await plain('[docs](https://example.com/x) and https://example.com\n')).toBe('docs (https://example.com/x) and https://example.com');
    const linked = stream(['see [docs](https://example.com/x)\n'], { hyperlinks: true });
    expect(linked).toContain('\x1b]8;;https://example.com/x\x1b\\');
    expect(await screen(linked)).toBe('see docs');
  });
});

describe('blocks', () => {
  it('renders bullets by depth, numbers as written, task boxes, and hanging indents', async () => {
    expect(await plain('- one\n  - nested\n    - deeper\n3. third\n4) fourth\n- [x] done\n- [ ] todo\n')).toBe(
      '• one\n  ◦ nested\n    ▪ deeper\n3. third\n4) fourth\n• ☑ done\n• ☐ todo',
    );
    expect(await plain('- a long item that has to wrap onto the next row here', 30)).toBe('• a long item that has to wrap\n  onto the next row here');
    expect(await plain('1. first item\n   continued under it\nback to the margin\n')).toBe('1. first item\n   continued under it\nback to the margin');
  });

  it('draws quotes behind a bar, nested and wrapped, with lists inside', async () => {
    expect(await plain('> quoted text that wraps onto a second row\n> > nested\n> - item\n', 24)).toBe(
      '│ quoted text that wraps\n│ onto a second row\n│ │ nested\n│ • item',
    );
  });

  it('draws a horizontal rule across the width (at most 80 columns)', async () => {
    expect(await plain('---\n', 30)).toBe('─'.repeat(30));
    expect(await plain('* * *\n', 100)).toBe('─'.repeat(80));
  });

  it('drops leading blank lines and shows a run of blank lines as one', async () => {
    expect(await plain('\n\nfirst\n\n\n\nsecond\n')).toBe('first\n\nsecond');
  });

  it('writes no escape sequences at all without color (NO_COLOR)', () => {
    const out = renderMarkdown('# T\n**b** `c` [l](https://x.y)\n```sh\nls -la\n```\n| a | b |\n|---|---|\n| 1 | 2 |\n> q\n- i\n', { width: 40, color: false });
    expect(out).not.toMatch(SGR);
    // renderMarkdown does not stream: no cursor movement either, so not one escape.
    expect(out).not.toContain('\x1b');
  });

  it('never passes the escape sequences of an answer to the terminal', () => {
    const out = renderMarkdown('evil \x1b]52;c;ZXZpbA==\x07 and \x1b[2J clear\x07\n', { width: 60, color: false });
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('\x07');
  });
});

describe('code blocks', () => {
  it('frames code, highlights it by language, and never wraps it', async () => {
    const long = `echo ${'x'.repeat(70)}`;
    const out = colored(`\`\`\`ts\nconst x: number = 42; // answer\n\`\`\`\n~~~sh\n${long}\n~~~\n`);
    expect(out).toMatch(/\x1b\[35mconst/);
    expect(out).toMatch(/\x1b\[33m42/);
    expect(out).toMatch(/\x1b\[90m\/\/ answer/);
    expect(out).toContain(`${'x'.repeat(70)}`);
    expect(await plain('```ts\nconst x = 1;\n```\n')).toBe('┌─ ts\n│ const x = 1;\n└─');
  });

  it('keeps a construct spanning lines in its colour (a docstring)', () => {
    const out = colored('```python\ns = """first\nsecond line\n"""\nx = 1\n```\n');
    const rows = out.split('\r\n');
    expect(rows[2]).toContain('\x1b[32msecond line');
    expect(rows[4]).toContain('\x1b[33m1');
  });

  it('leaves unknown languages and markdown inside code as written', async () => {
    const out = colored('```brainfuck\n**not bold** # not a heading\n```\n');
    expect(out.split('\r\n')[1]).toBe('\x1b[2m│ \x1b[22m**not bold** # not a heading');
  });

  it('removes the indentation of a fence inside a list item from its lines', async () => {
    expect(await plain('1. run:\n   ```sh\n   ls\n     -la\n   ```\n')).toBe('1. run:\n   ┌─ sh\n   │ ls\n   │   -la\n   └─');
  });

  it('closes a block left open at the end', async () => {
    expect(await plain('```\ncode')).toBe('┌─\n│ code\n└─');
  });
});

describe('tables', () => {
  it('aligns columns as the delimiter row says, with a bold header', async () => {
    const md = '| name | size |\n|:-----|-----:|\n| a.txt | 1 |\n| `big\\|iso` | 4096 |\n\nafter\n';
    expect(await plain(md)).toBe(
      ['┌─────────┬──────┐', '│ name    │ size │', '├─────────┼──────┤', '│ a.txt   │    1 │', '│ big|iso │ 4096 │', '└─────────┴──────┘', '', 'after'].join('\n'),
    );
    expect(colored(md)).toContain('\x1b[1mname   \x1b[22m');
  });

  it('shrinks the widest column to fit the width, wrapping its cells', async () => {
    const text = await plain('| k | description |\n|---|---|\n| a | one two three four five six |\n', 24);
    expect(text.split('\n').every((row) => row.length <= 24)).toBe(true);
    expect(text).toContain('│ a │ one two three    │');
  });

  it('renders pipe lines that are not a table as text', async () => {
    expect(await plain('| just a line\nnext\n')).toBe('| just a line\nnext');
  });
});

describe('wrapping', () => {
  it('wraps words to the width, counting wide characters as two columns', async () => {
    expect(await plain('the quick brown fox jumps over the lazy dog', 20)).toBe('the quick brown fox\njumps over the lazy\ndog');
    expect(await plain('中文中文 中文中文 😀😀 end', 10)).toBe('中文中文\n中文中文\n😀😀 end');
  });

  it('breaks a word longer than the row', async () => {
    expect(await plain(`see ${'a'.repeat(25)}`, 10)).toBe(`see\n${'a'.repeat(10)}\n${'a'.repeat(10)}\n${'a'.repeat(5)}`);
  });

  it('closes styles at a break and reopens them after the next row prefix', () => {
    const rows = colored('> **bold words that wrap around**\n', 16).split('\r\n');
    expect(rows[0]).toMatch(/\x1b\[0m$/);
    expect(rows[1]).toBe('\x1b[2m│ \x1b[22m\x1b[1mthat wrap\x1b[0m');
    expect(rows[2]).toBe('\x1b[2m│ \x1b[22m\x1b[1maround\x1b[22m');
  });
});
