import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createThinkSplitter } from '../../src/broker/think-block.ts';

/** The content stream cut into the given pieces: what became answer and what became reasoning, and in how many calls. */
function split(pieces: readonly string[]) {
  let content = '';
  let reasoning = '';
  const splitter = createThinkSplitter({ content: (text) => void (content += text), reasoning: (text) => void (reasoning += text) });
  for (const piece of pieces) splitter.push(piece);
  splitter.end();
  return { content, reasoning };
}

/** Every way of cutting `text` into pieces at the given positions. */
const cutAt = (text: string, cuts: number[]) => {
  const at = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => text.slice(start, at[i] ?? text.length));
};

describe('a leading <think> block in the content is reasoning', () => {
  const cases: [string, { content: string; reasoning: string }][] = [
    ['<think>\nThe user wants sizes.\n</think>\n\nUse `du -sh *`.', { content: 'Use `du -sh *`.', reasoning: 'The user wants sizes.\n' }],
    ['\n  <think>hmm</think>answer', { content: 'answer', reasoning: 'hmm' }],
    ['<think>\nstill thinking when max_tokens ran out', { content: '', reasoning: 'still thinking when max_tokens ran out' }],
    ['<think></think>\n\nno thoughts at all', { content: 'no thoughts at all', reasoning: '' }],
    ['Use <think> tags like this: <think>x</think>', { content: 'Use <think> tags like this: <think>x</think>', reasoning: '' }],
    ['<thinking>is not the tag</thinking>', { content: '<thinking>is not the tag</thinking>', reasoning: '' }],
    ['  indented answer', { content: '  indented answer', reasoning: '' }],
    ['<thi', { content: '<thi', reasoning: '' }],
    ['<think>a < b and </thin are not the end</think>ok <think>kept</think>', { content: 'ok <think>kept</think>', reasoning: 'a < b and </thin are not the end' }],
  ];

  it.each(cases)('%j, whole and cut at every single place', (text, expected) => {
    expect(split([text])).toEqual(expected);
    for (let i = 0; i <= text.length; i++) expect(split([text.slice(0, i), text.slice(i)])).toEqual(expected);
  });

  it('gives the same answer and reasoning however the stream is cut', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.array(fc.nat(), { maxLength: 12 }), ([text, expected], cuts) => {
        expect(split(cutAt(text, cuts))).toEqual(expected);
      }),
    );
  });

  it('streams: the answer is handed on as it comes, holding back at most a tag', () => {
    const seen: string[] = [];
    const splitter = createThinkSplitter({ content: (text) => void seen.push(`A:${text}`), reasoning: (text) => void seen.push(`R:${text}`) });
    for (const piece of ['<think>', 'one', ' two</', 'think>', '\n\n', 'The', ' answer']) splitter.push(piece);
    expect(seen).toEqual(['R:one', 'R: two', 'A:The', 'A: answer']);
  });
});
