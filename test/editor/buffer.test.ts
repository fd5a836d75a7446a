import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY, edit, type EditAction, type EditState } from '../../src/editor/buffer.ts';

const at = (text: string, cursor = text.length): EditState => ({ text, cursor, killed: '' });
const run = (state: EditState, ...actions: EditAction[]) => actions.reduce(edit, state);

describe('edit reducer', () => {
  it('moves by character, alphanumeric word and line', () => {
    expect(run(at('git commit -m "x"'), { type: 'word-left' }).cursor).toBe(15);
    expect(run(at('git commit -m', 0), { type: 'word-right' }).cursor).toBe(3);
    expect(run(at('echo 😀', 7), { type: 'left' }).cursor).toBe(5);
    expect(run(at('a\nbc', 4), { type: 'line-start' }).cursor).toBe(2);
    expect(run(at('ab\ncd', 0), { type: 'line-end' }).cursor).toBe(2);
  });

  it('kills like readline and yanks the last kill back', () => {
    expect(run(at('echo hello world', 5), { type: 'kill-to-end' })).toMatchObject({ text: 'echo ', cursor: 5, killed: 'hello world' });
    expect(run(at('echo hello', 5), { type: 'kill-to-start' })).toMatchObject({ text: 'hello', cursor: 0, killed: 'echo ' });
    expect(run(at('ls /usr/local/bin  '), { type: 'kill-word-back' }).text).toBe('ls ');
    expect(run(at('ls /usr/local/bin'), { type: 'kill-alnum-back' }).text).toBe('ls /usr/local/');
    expect(run(at('one two', 0), { type: 'kill-alnum-forward' }).text).toBe(' two');
    expect(run(at('echo hello', 5), { type: 'kill-to-end' }, { type: 'line-start' }, { type: 'yank' }).text).toBe('helloecho ');
  });

  it('collects consecutive kills into one piece, in text order, and starts afresh after another action', () => {
    const twoWords = run(at('cp one two'), { type: 'kill-word-back' }, { type: 'kill-word-back' });
    expect(twoWords).toMatchObject({ text: 'cp ', killed: 'one two' });
    expect(run(twoWords, { type: 'yank' }).text).toBe('cp one two');
    const forward = run(at('a b c', 0), { type: 'kill-alnum-forward' }, { type: 'kill-alnum-forward' });
    expect(forward).toMatchObject({ text: ' c', killed: 'a b' });
    const broken = run(at('x y'), { type: 'kill-word-back' }, { type: 'left' }, { type: 'kill-word-back' });
    expect(broken.killed).toBe('x');
  });

  it('changes the case of the next word and moves past it (Alt-U, Alt-L, Alt-C)', () => {
    expect(run(at('make test', 0), { type: 'upcase-word' })).toMatchObject({ text: 'MAKE test', cursor: 4 });
    expect(run(at('GIT PUSH', 3), { type: 'downcase-word' })).toMatchObject({ text: 'GIT push', cursor: 8 });
    expect(run(at('echo hELLO', 4), { type: 'capitalize-word' })).toMatchObject({ text: 'echo Hello', cursor: 10 });
  });

  it('deletes, backspaces over surrogate pairs, and transposes', () => {
    expect(run(at('a😀'), { type: 'backspace' }).text).toBe('a');
    expect(run(at('ab', 0), { type: 'delete' }).text).toBe('b');
    expect(run(at('sl'), { type: 'transpose' }).text).toBe('ls');
    expect(run(at('gti', 2), { type: 'transpose' })).toMatchObject({ text: 'git', cursor: 3 });
  });

  it('keeps the cursor on the text for any sequence of actions, and Ctrl-A Ctrl-K empties a one-line buffer', () => {
    const action: fc.Arbitrary<EditAction> = fc.oneof(
      fc.string({ maxLength: 4 }).map((text) => ({ type: 'insert' as const, text })),
      fc.constantFrom<EditAction>(
        { type: 'left' }, { type: 'right' }, { type: 'word-left' }, { type: 'word-right' }, { type: 'line-start' }, { type: 'line-end' },
        { type: 'backspace' }, { type: 'delete' }, { type: 'kill-to-end' }, { type: 'kill-to-start' }, { type: 'kill-word-back' },
        { type: 'kill-alnum-back' }, { type: 'kill-alnum-forward' }, { type: 'yank' }, { type: 'transpose' },
        { type: 'upcase-word' }, { type: 'downcase-word' }, { type: 'capitalize-word' },
      ),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const state = run(EMPTY, ...actions);
        expect(state.cursor).toBeGreaterThanOrEqual(0);
        expect(state.cursor).toBeLessThanOrEqual(state.text.length);
        if (!state.text.includes('\n')) expect(run(state, { type: 'line-start' }, { type: 'kill-to-end' }).text).toBe('');
      }),
    );
  });
});
