import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../src/render/index.ts';
import { showExactly } from '../../src/render/sanitize.ts';
import { EVERY_FORM, UNTERMINATED, foreignControls } from '../fixtures/hostile-text.ts';
import { screen } from './screen.ts';

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

/**
 * The answer with the form in it, and what it must look like: prose as if the
 * form were not there; a code line (a command) with every character visible.
 */
function cases(text: string): { hostile: string; clean: string } {
  const code = `\`\`\`sh\nls${text} -la\n\`\`\`\n`;
  const shown = `\`\`\`sh\nls${showExactly(text)} -la\n\`\`\`\n`;
  // An unterminated sequence takes the rest of its line with it, never the next line.
  return unterminated.has(text)
    ? { hostile: `Use **ls** ${text}\n${code}`, clean: `Use **ls** \n${shown}` }
    : { hostile: `Use **ls**${text} here\n${code}`, clean: `Use **ls** here\n${shown}` };
}

describe('model text reaches the terminal as prose, its code exactly: every hostile form removed or shown', () => {
  it.each(EVERY_FORM)('$name in an answer, whole or one character per delta', async ({ text }) => {
    const { hostile, clean } = cases(text);
    expect(render([hostile])).toBe(render([clean]));
    // One character at a time, the line still arriving is shown cleaned as prose, then rendered: the screen ends the same.
    const streamed = render([...hostile]);
    expect(await screen(streamed)).toBe(await screen(render([clean])));
    expect(foreignControls(streamed)).toEqual([]);
  });

  it.each(EVERY_FORM)('$name in a thinking model\'s reasoning (all prose)', ({ text }) => {
    const [hostile, clean] = unterminated.has(text) ? [`Let me ${text}\nnext\n`, 'Let me \nnext\n'] : [`Let me${text} see\nnext\n`, 'Let me see\nnext\n'];
    expect(render(['ok\n'], [...hostile])).toBe(render(['ok\n'], [...clean]));
  });
});
