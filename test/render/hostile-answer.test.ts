import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../src/render/index.ts';
import { EVERY_FORM, UNTERMINATED, foreignControls } from '../fixtures/hostile-text.ts';

/** Everything written for these answer deltas (and reasoning deltas first), with colour. */
function render(answer: readonly string[], reasoning: readonly string[] = []): string {
  let out = '';
  const renderer = createMarkdownRenderer({ write: (text) => (out += text), width: () => 60, color: true });
  for (const piece of reasoning) renderer.reasoning(piece);
  for (const piece of answer) renderer.delta(piece);
  renderer.end();
  return out;
}

const unterminated = new Set(UNTERMINATED.map((form) => form.text));

/** The answer with the form in it, and what it must look like: the same answer without it. */
function cases(text: string): { hostile: string; clean: string } {
  // An unterminated sequence takes the rest of its line with it, never the next line.
  return unterminated.has(text)
    ? { hostile: `Use **ls** ${text}\n\`\`\`sh\nls -la\n\`\`\`\n`, clean: 'Use **ls** \n```sh\nls -la\n```\n' }
    : { hostile: `Use **ls**${text} here\n\`\`\`sh\nls${text} -la\n\`\`\`\n`, clean: 'Use **ls** here\n```sh\nls -la\n```\n' };
}

describe('model text reaches the terminal as prose: every hostile form removed', () => {
  it.each(EVERY_FORM)('$name in an answer, whole or one character per delta', ({ text }) => {
    const { hostile, clean } = cases(text);
    const expected = render([clean]);
    expect(render([hostile])).toBe(expected);
    expect(render([...hostile])).toBe(render([...clean]));
    expect(foreignControls(render([...hostile]))).toEqual([]);
  });

  it.each(EVERY_FORM)('$name in a thinking model\'s reasoning', ({ text }) => {
    const { hostile, clean } = cases(text);
    expect(render(['ok\n'], [...hostile])).toBe(render(['ok\n'], [...clean]));
  });
});
