import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLine, cleanProse, createProseCleaner, hiddenCharacters, showExactly } from '../../src/render/sanitize.ts';
import { CONTROLS, EVERY_FORM, INVISIBLE, SEQUENCES, UNTERMINATED, foreignControls } from '../fixtures/hostile-text.ts';

/** Any character a terminal acts on, or a person cannot see. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cs}]/u;

const pieces = (text: string, points: readonly number[]) => {
  const sorted = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const point of [...sorted, text.length]) {
    out.push(text.slice(from, point));
    from = point;
  }
  return out;
};

/** Text as a stream would deliver it: one cleaner over every piece. */
const streamed = (chunks: readonly string[]) => {
  const cleaner = createProseCleaner();
  return chunks.map((chunk) => cleaner.push(chunk)).join('');
};

/** A string drawn from hostile pieces and ordinary text. */
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...EVERY_FORM.map((form) => form.text), '\n', '\t', ' ', 'ls -la', '中文', '😀', 'é'), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 25 })
  .map((parts) => parts.join(''));

describe('prose: what an answer, a server message or a logged exchange shows', () => {
  it.each(SEQUENCES)('removes $name whole, payload included', ({ text }) => {
    expect(cleanProse(`before${text}after`)).toBe('beforeafter');
  });

  it.each(UNTERMINATED)('drops $name and the rest of its line, never the next line', ({ text }) => {
    expect(cleanProse(`before${text}\nnext line`)).toBe('before\nnext line');
    expect(cleanProse(`before${text}`)).toBe('before');
  });

  it.each([...CONTROLS, ...INVISIBLE])('drops $name', ({ text }) => {
    expect(cleanProse(`be${text}fore`)).toBe('before');
  });

  it('keeps text as it is: newlines, tabs, accents, wide characters, emoji, brackets that only look like sequences', () => {
    const text = 'Use `ls -la`:\n\tfiles [2K] ]0; ^[ café 中文 😀 ← → \\e[31m';
    expect(cleanProse(text)).toBe(text);
  });

  it('removes a sequence split at any point across a stream, as if it came whole', () => {
    for (const { text } of SEQUENCES) {
      const whole = `one ${text}two`;
      for (let at = 1; at < whole.length; at++) expect(streamed([whole.slice(0, at), whole.slice(at)])).toBe('one two');
      expect(streamed([...whole])).toBe('one two');
    }
  });

  it('never lets a control, an invisible character or a half surrogate through, at any chunking (property)', () => {
    fc.assert(
      fc.property(hostileText, fc.array(fc.nat(), { maxLength: 8 }), (text, points) => {
        const whole = cleanProse(text);
        expect(whole).not.toMatch(UNSAFE);
        expect(streamed(pieces(text, points))).toBe(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('gives server messages one line', () => {
    expect(cleanLine('model runner\n  has stopped\t(exit 2)\x1b]0;EVIL\x07\n')).toBe('model runner has stopped (exit 2)');
  });
});

describe('exactly: what a proposed command, a file, directory, branch or model name shows', () => {
  it('shows C0 controls and DEL in caret form, ESC sequences as text after ^[', () => {
    expect(showExactly('ls\x1b[2K\x1b[Gok')).toBe('ls^[[2K^[[Gok');
    expect(showExactly('a\x07b\x08c\rd\ne\tf\x00\x7f')).toBe('a^Gb^Hc^Md^Je^If^@^?');
    expect(showExactly('\x1b]52;c;RVZJTA==\x07')).toBe('^[]52;c;RVZJTA==^G');
  });

  it('shows C1 controls as \\u escapes', () => {
    expect(showExactly('ls\u009b2K\u009bGrm')).toBe('ls\\u009b2K\\u009bGrm');
    expect(showExactly('\u0085\u009d0;t\u009c')).toBe('\\u0085\\u009d0;t\\u009c');
  });

  it('shows bidi controls, zero-width characters and look-alike spaces as <U+XXXX>', () => {
    expect(showExactly('ls \u202eetadpu\u202c')).toBe('ls <U+202E>etadpu<U+202C>');
    expect(showExactly('r\u200bm -rf')).toBe('r<U+200B>m -rf');
    expect(showExactly('ls\u00a0-la\u3000x')).toBe('ls<U+00A0>-la<U+3000>x');
    expect(showExactly('tag\u{e0041}')).toBe('tag<U+E0041>');
  });

  it('leaves ordinary text untouched: spaces, accents, wide characters, emoji', () => {
    const text = 'git commit -m "café 中文 😀" && ls ~/My\\ Files';
    expect(showExactly(text)).toBe(text);
  });

  it.each(EVERY_FORM)('shows $name with nothing a terminal would act on, and nothing hidden', ({ text }) => {
    const shown = showExactly(`x${text}y`);
    expect(foreignControls(shown)).toEqual([]);
    expect(shown).not.toMatch(UNSAFE);
    expect(shown.length).toBeGreaterThan(2);
  });

  it('never lets a control or an invisible character through, and hides nothing: each character shown stands for one (property)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = showExactly(text);
        expect(shown).not.toMatch(UNSAFE);
        expect(shown.length).toBeGreaterThanOrEqual(text.length);
      }),
      { numRuns: 400 },
    );
  });
});

describe('hiddenCharacters', () => {
  it('finds controls other than tab and newline, and invisible or direction-changing characters', () => {
    expect(hiddenCharacters('ls -la\n\tpwd')).toEqual({ control: false, invisible: false });
    expect(hiddenCharacters('ls\r')).toEqual({ control: true, invisible: false });
    expect(hiddenCharacters('ls\u009b2K')).toEqual({ control: true, invisible: false });
    expect(hiddenCharacters('ls \u202e')).toEqual({ control: false, invisible: true });
    expect(hiddenCharacters('l\u200bs')).toEqual({ control: false, invisible: true });
    expect(hiddenCharacters('ls\u00a0-la')).toEqual({ control: false, invisible: true });
    expect(hiddenCharacters('echo 中文 😀')).toEqual({ control: false, invisible: false });
  });
});
