import { Terminal as Headless } from '@xterm/headless';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer, extractShellCommands, renderFooter, renderMarkdown } from '../../src/render/index.ts';

/** The screen a person would see after these bytes, trailing blank lines dropped. */
async function screen(bytes: string, cols = 60, rows = 60): Promise<string> {
  const term = new Headless({ cols, rows, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(bytes, resolve));
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(term.buffer.active.getLine(i)?.translateToString(true) ?? '');
  term.dispose();
  return lines.join('\n').replace(/\n+$/, '');
}

function stream(chunks: string[], options: { cols?: number; color?: boolean } = {}): string {
  let out = '';
  const renderer = createMarkdownRenderer({ write: (t) => (out += t), width: () => options.cols ?? 60, color: options.color ?? true });
  for (const chunk of chunks) renderer.delta(chunk);
  renderer.end();
  return out;
}

const plain = (markdown: string, cols = 60) => screen(renderMarkdown(markdown, { width: cols, color: false }), cols);

describe('markdown rendering', () => {
  it('renders headings, emphasis and inline code as styled text without the markup', async () => {
    const out = renderMarkdown('# Title\nsome **bold**, *it* and `code` ~~gone~~\n', { width: 60, color: true });
    expect(out).toContain('\x1b[1m');
    expect(out).toContain('\x1b[3mit');
    expect(out).toContain('\x1b[36mcode');
    expect(await screen(out)).toBe('Title\nsome bold, it and code gone');
  });

  it('renders lists with bullets, numbers, nesting and hanging indents when wrapped', async () => {
    expect(await plain('- one\n- two\n  - nested\n1. first\n2. second\n- [x] done\n')).toBe('• one\n• two\n  • nested\n1. first\n2. second\n• ☑ done');
    expect(await plain('- a long item that has to wrap onto the next row here', 30)).toBe('• a long item that has to wrap\n  onto the next row here');
  });

  it('renders quotes, rules and links with their target', async () => {
    expect(await plain('> quoted text\n\n---\n[docs](https://example.com/x) and https://example.com\n')).toBe(
      '│ quoted text\n\n' + '─'.repeat(60) + '\ndocs (https://example.com/x) and https://example.com',
    );
  });

  it('renders fenced code unwrapped, framed, and highlighted by language', async () => {
    const out = renderMarkdown('```ts\nconst x: number = 42; // answer\n```\n', { width: 60, color: true });
    expect(out).toMatch(/\x1b\[35mconst/);
    expect(out).toMatch(/\x1b\[33m42/);
    expect(await screen(out)).toBe('┌─ ts\n│ const x: number = 42; // answer\n└─');
  });

  it('renders a table with aligned columns once the table ends', async () => {
    const text = await plain('| name | size |\n|:-----|-----:|\n| a.txt | 1 |\n| big.iso | 4096 |\n\nafter\n');
    expect(text).toBe(
      ['┌─────────┬──────┐', '│ name    │ size │', '├─────────┼──────┤', '│ a.txt   │    1 │', '│ big.iso │ 4096 │', '└─────────┴──────┘', '', 'after'].join('\n'),
    );
  });

  it('wraps paragraphs at word boundaries to the width', async () => {
    expect(await plain('the quick brown fox jumps over the lazy dog', 20)).toBe('the quick brown fox\njumps over the lazy\ndog');
  });

  it('writes no escape sequences at all without color (NO_COLOR)', () => {
    const out = renderMarkdown('# T\n**b** `c`\n```sh\nls -la\n```\n| a | b |\n|---|---|\n| 1 | 2 |\n', { width: 40, color: false });
    expect(out.replace(/\r\n/g, '\n')).not.toMatch(/\x1b\[[0-9;]*m/);
  });

  it('shows the partial line as it grows, writing only the new characters', () => {
    let out = '';
    const renderer = createMarkdownRenderer({ write: (t) => (out += t), width: () => 60, color: false });
    renderer.delta('Hel');
    renderer.delta('lo wor');
    expect(out).toBe('Hello wor');
    renderer.delta('ld\n');
    renderer.end();
    expect(out.endsWith('Hello world\r\n')).toBe(true);
  });

  it('shows reasoning dimmed and apart from the answer, or not at all when hidden', async () => {
    let out = '';
    const renderer = createMarkdownRenderer({ write: (t) => (out += t), width: () => 60, color: true });
    renderer.reasoning('let me think');
    renderer.delta('Answer.\n');
    renderer.end();
    expect(out).toMatch(/\x1b\[2m.*let me think/);
    expect(await screen(out)).toBe('thinking: let me think\n\nAnswer.');
    let hidden = '';
    const quiet = createMarkdownRenderer({ write: (t) => (hidden += t), width: () => 60, color: true, showReasoning: 'hidden' });
    quiet.reasoning('secret thoughts');
    quiet.delta('ok\n');
    quiet.end();
    expect(hidden).not.toContain('secret thoughts');
  });

  it('marks an interrupted answer and closes an open code block', async () => {
    let out = '';
    const renderer = createMarkdownRenderer({ write: (t) => (out += t), width: () => 60, color: false });
    renderer.delta('```sh\nls\nrm -');
    renderer.interrupted();
    expect(await screen(out)).toBe('┌─ sh\n│ ls\n│ rm -\n└─\n[interrupted]');
  });

  it('property: any chunking of an answer leaves the same screen as rendering it whole', async () => {
    const answer = [
      '# Finding big files\n',
      'Use **du** with `sort`, a long sentence that certainly needs wrapping at forty columns.\n\n',
      '```sh\ndu -sh * | sort -h\n```\n\n',
      '| flag | meaning |\n|---|---|\n| -s | summary |\n| -h | human |\n\n',
      '- first point\n- second *point* 😀 中文\n> quoted\n',
    ].join('');
    const whole = await screen(stream([answer], { cols: 40 }), 40);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: answer.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let start = 0;
        for (const point of [...points, answer.length]) {
          chunks.push(answer.slice(start, point));
          start = point;
        }
        expect(await screen(stream(chunks, { cols: 40 }), 40)).toBe(whole);
      }),
      { numRuns: 60 },
    );
  });
});

describe('proposed commands and the footer', () => {
  it('extracts shell blocks in order, strips $ prompts, skips other languages', () => {
    const md = 'Try:\n```bash\nls -la\n```\nthen\n```console\n$ du -sh *\n4.0K a\n```\n```python\nprint(1)\n```\n```\ngit status\n```\n';
    expect(extractShellCommands(md)).toEqual(['ls -la', 'du -sh *', 'git status']);
    expect(extractShellCommands('no code here')).toEqual([]);
  });

  it('renders a one-line footer with preset, model, tokens, speed and first-token time', () => {
    expect(renderFooter({ preset: 'snappy', model: 'qwen', completionTokens: 120, tokensPerSecond: 45.25, ttftMs: 180.4, totalMs: 2900, color: false })).toBe(
      'snappy · qwen · 120 tokens · 45.3 tok/s · first token 180 ms · 2.9 s',
    );
  });
});
