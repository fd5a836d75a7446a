import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState, reduceKey, view, type Effect, type EditorState } from '../../src/editor/editor-state.ts';
import { createKeyParser } from '../../src/editor/keys.ts';

/** Feeds raw terminal bytes through the real key parser and the reducer; returns the end state and every effect. */
function press(state: EditorState, input: string, entries: readonly string[] = []): { state: EditorState; effects: Effect[] } {
  const parser = createKeyParser();
  const keys = [...parser.push(Buffer.from(input)), ...parser.flushPendingEscape()];
  const effects: Effect[] = [];
  for (const key of keys) {
    const step = reduceKey(state, key, entries);
    state = step.state;
    if (step.effect) effects.push(step.effect);
  }
  return { state, effects };
}

const fresh = (entries: readonly string[] = [], initial?: string) => initialState({ historyLength: entries.length, ...(initial ? { initial } : {}) });
/** The buffer after typing `input`, with `|` marking the cursor. */
function after(input: string, options: { entries?: readonly string[]; initial?: string } = {}): string {
  const entries = options.entries ?? [];
  const { state } = press(fresh(entries, options.initial), input, entries);
  const shown = view(state, entries, '$ ');
  return `${shown.text.slice(0, shown.cursor)}|${shown.text.slice(shown.cursor)}`;
}

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

describe('editor reducer: keys', () => {
  it('inserts printable text and moves by character, line start and line end in every escape variant', () => {
    expect(after('abc')).toBe('abc|');
    expect(after(`abc${LEFT}${LEFT}x`)).toBe('ax|bc');
    expect(after(`abc\x02\x02\x06`)).toBe('ab|c');
    for (const home of ['\x01', '\x1b[H', '\x1b[1~', '\x1bOH', '\x1b[7~']) expect(after(`abc${home}`), JSON.stringify(home)).toBe('|abc');
    for (const end of ['\x05', '\x1b[F', '\x1b[4~', '\x1bOF', '\x1b[8~']) expect(after(`abc\x01${end}`), JSON.stringify(end)).toBe('abc|');
    expect(after(`ab${RIGHT}${RIGHT}`)).toBe('ab|');
  });

  it('moves and kills by word: Alt-B, Alt-F, Ctrl-Left, Ctrl-Right, Alt-D, Alt-Backspace, Ctrl-W', () => {
    expect(after('git commit -m\x1bb')).toBe('git commit -|m');
    expect(after('git commit\x01\x1bf')).toBe('git| commit');
    expect(after('git commit\x1b[1;5D')).toBe('git |commit');
    expect(after('git commit\x01\x1b[1;5C\x1b[1;5C')).toBe('git commit|');
    expect(after('git commit\x01\x1bd')).toBe('| commit');
    expect(after('ls /usr/local\x1b\x7f')).toBe('ls /usr/|');
    expect(after('ls /usr/local\x17')).toBe('ls |');
    expect(after('ls /usr/local   \x17')).toBe('ls |');
  });

  it('kills to the end and to the start, yanks back, and transposes', () => {
    expect(after(`echo hello${LEFT.repeat(5)}\x0b`)).toBe('echo |');
    expect(after(`echo hello${LEFT.repeat(5)}\x15`)).toBe('|hello');
    expect(after(`echo hello${LEFT.repeat(5)}\x0b\x01\x19`)).toBe('hello|echo ');
    expect(after('cp a b\x17\x17\x19')).toBe('cp a b|');
    expect(after('sl\x14')).toBe('ls|');
    expect(after(`gti${LEFT}\x14`)).toBe('git|');
  });

  it('deletes with Backspace (0x7f and 0x08), Delete and Ctrl-D; Ctrl-D on an empty line is end-of-file', () => {
    expect(after('abc\x7f')).toBe('ab|');
    expect(after('abc\x08')).toBe('ab|');
    expect(after('abc\x01\x1b[3~')).toBe('|bc');
    expect(after('abc\x01\x04')).toBe('|bc');
    expect(press(fresh(), '\x04').effects).toEqual([{ kind: 'eof' }]);
    expect(press(fresh(), 'a\x04').effects).toEqual([]);
  });

  it('Ctrl-V inserts the next key as the bytes it sent: Tab, control keys, Enter, Escape and arrows, once', () => {
    expect(after('a\x16\tb')).toBe('a\tb|');
    expect(after('a\x16\x01b')).toBe('a\x01b|');
    expect(after('a\x16\rb')).toBe('a\rb|');
    expect(after('a\x16\x16b')).toBe('a\x16b|');
    expect(after(`a\x16${UP}`)).toBe('a\x1b[A|');
    expect(after('a\x16\x1b')).toBe('a\x1b|');
    // Only the one key: a second Ctrl-A moves again.
    expect(after('ab\x16\x01\x01')).toBe('|ab\x01');
  });

  it('Ctrl-C interrupts, Ctrl-L clears the screen, Tab asks for completion and Tab Tab for a listing', () => {
    expect(press(fresh(), 'partial\x03').effects).toEqual([{ kind: 'interrupt' }]);
    expect(press(fresh(), 'ls\x0c').effects).toEqual([{ kind: 'clear-screen' }]);
    expect(press(fresh(), 'ls\t\t').effects).toEqual([{ kind: 'complete', list: false }, { kind: 'complete', list: true }]);
    expect(press(fresh(), 'ls\tx\t').effects).toEqual([{ kind: 'complete', list: false }, { kind: 'complete', list: false }]);
  });

  it('Enter submits the whole buffer wherever the cursor is, and continues an unclosed quote or trailing backslash on a new line', () => {
    expect(press(fresh(), `echo hi${LEFT}${LEFT}\r`).effects).toEqual([{ kind: 'submit', text: 'echo hi', proposed: false }]);
    const open = press(fresh(), `echo "a b${LEFT}\r`);
    expect(open.effects).toEqual([]);
    expect(open.state.edit).toMatchObject({ text: 'echo "a b\n', cursor: 10 });
    expect(press(open.state, 'c"\r').effects).toEqual([{ kind: 'submit', text: 'echo "a b\nc"', proposed: false }]);
    expect(press(fresh(), 'ls \\\r-l\r').effects).toEqual([{ kind: 'submit', text: 'ls \\\n-l', proposed: false }]);
    expect(after('one\x1b\rtwo')).toBe('one\ntwo|');
  });

  it('undoes edits with Ctrl-_, typing a word at a time', () => {
    expect(after('echo hello\x1f')).toBe('echo |');
    expect(after('echo hello\x1f\x1f')).toBe('echo|');
    expect(after('echo hello\x17\x1f')).toBe('echo hello|');
    expect(press(fresh(), '\x1f').effects).toEqual([{ kind: 'bell' }]);
  });

  it('Alt-. inserts the last argument of the previous command, and again the one before', () => {
    const entries = ['mkdir "my dir"', 'touch notes.md'];
    expect(after('vim \x1b.', { entries })).toBe('vim notes.md|');
    expect(after('cd \x1b.\x1b.', { entries })).toBe('cd my dir|');
    expect(after('cd \x1b.x\x1b.', { entries })).toBe('cd notes.mdxnotes.md|');
  });

  it('Alt-U, Alt-L and Alt-C change the case of a word', () => {
    expect(after('make\x01\x1bu')).toBe('MAKE|');
    expect(after('MAKE\x01\x1bl')).toBe('make|');
    expect(after('make\x01\x1bc')).toBe('Make|');
  });
});

describe('editor reducer: history', () => {
  const entries = ['make build', 'git status', 'make test'];

  it('Up and Ctrl-P go back, Down and Ctrl-N forward, to the line being typed', () => {
    expect(after(UP, { entries })).toBe('make test|');
    expect(after(`${UP}${UP}`, { entries })).toBe('git status|');
    expect(after('\x10\x10\x10\x0e', { entries })).toBe('git status|');
    expect(after(`${UP}${DOWN}`, { entries })).toBe('|');
    expect(press(fresh(entries), `${UP}${UP}${UP}${UP}`, entries).effects).toEqual([{ kind: 'bell' }]);
  });

  it('keeps the edited line and edited entries when walking away and back', () => {
    expect(after(`draft${UP}${UP}${DOWN}${DOWN}`, { entries })).toBe('draft|');
    expect(after(`${UP} -v${UP}${DOWN}`, { entries })).toBe('make test -v|');
  });

  it('narrows to entries starting with the text typed before the first Up', () => {
    expect(after(`make${UP}${UP}`, { entries })).toBe('make build|');
    expect(after(`git${UP}`, { entries })).toBe('git status|');
  });

  it('moves between the lines of a multi-line buffer before leaving it', () => {
    const multi = ['first', 'echo "one\ntwo"'];
    expect(after(UP, { entries: multi })).toBe('echo "one\ntwo"|');
    expect(after(`${UP}\x01${UP}`, { entries: multi })).toBe('|echo "one\ntwo"');
    expect(after(`${UP}\x01${UP}${UP}`, { entries: multi })).toBe('first|');
    expect(after(`${UP}\x01${UP}${DOWN}`, { entries: multi })).toBe('echo "one\n|two"');
  });
});

describe('editor reducer: Ctrl-R search', () => {
  const entries = ['echo needle one', 'ls', 'echo needle two', 'echo needle two', 'pwd'];

  it('finds the newest match as the query grows, older ones on Ctrl-R (skipping repeats), and shows the bash prompt', () => {
    const { state } = press(fresh(entries), '\x12need', entries);
    expect(view(state, entries, '$ ')).toEqual({ prompt: "(reverse-i-search)`need': ", text: 'echo needle two', cursor: 5 });
    const older = press(state, '\x12', entries).state;
    expect(view(older, entries, '$ ').text).toBe('echo needle one');
    const failed = press(older, '\x12', entries).state;
    expect(view(failed, entries, '$ ')).toMatchObject({ prompt: "(failed reverse-i-search)`need': ", text: 'echo needle one' });
  });

  it('Enter accepts and runs; Escape, Right or Ctrl-E accept for editing; Ctrl-G and Ctrl-C cancel', () => {
    expect(press(fresh(entries), '\x12ls\r', entries).effects).toEqual([{ kind: 'submit', text: 'ls', proposed: false }]);
    expect(after('\x12pw\x1b', { entries })).toBe('|pwd');
    expect(after('\x12pw\x05 -P', { entries })).toBe('pwd -P|');
    expect(after(`\x12pw${RIGHT}`, { entries })).toBe('p|wd');
    expect(after('keep\x12pw\x07', { entries })).toBe('keep|');
    const cancelled = press(fresh(entries), 'keep\x12pw\x03', entries);
    expect(cancelled.effects).toEqual([]);
    expect(view(cancelled.state, entries, '$ ').text).toBe('keep');
  });

  it('Backspace shortens the query; Ctrl-R on an empty query repeats the last search', () => {
    expect(after('\x12lsx\x7f\x1b', { entries })).toBe('|ls');
    expect(after('\x12ls\x07\x12\x12\x1b', { entries })).toBe('|ls');
  });
});

describe('editor reducer: properties', () => {
  const keyBytes = fc.constantFrom(
    'a', 'é', '😀', ' ', '"', '\\', '\x01', '\x05', '\x02', '\x06', '\x0b', '\x15', '\x17', '\x19', '\x14', '\x08', '\x7f',
    '\x1b[3~', '\x04', '\x1bb', '\x1bf', '\x1bd', '\x1b\x7f', '\x1b[1;5D', '\x1b[1;5C', LEFT, RIGHT, UP, DOWN, '\x10', '\x0e',
    '\x1f', '\x1b.', '\x1bu', '\x1bc', '\x12', '\x07', 'x', '\r', '\x1b\r', '\x1b[H', '\x1b[F',
  );
  const entries = ['ls -la', 'echo "a\nb"', 'git commit -m "😀 x"'];

  it('keeps the cursor within the text, on a character boundary, for any key sequence', () => {
    fc.assert(
      fc.property(fc.array(keyBytes, { maxLength: 60 }), (keys) => {
        const { state } = press(fresh(entries), keys.join(''), entries);
        for (const shown of [state.edit, view(state, entries, '$ ')]) {
          expect(shown.cursor).toBeGreaterThanOrEqual(0);
          expect(shown.cursor).toBeLessThanOrEqual(shown.text.length);
          const code = shown.text.charCodeAt(shown.cursor);
          expect(code >= 0xdc00 && code <= 0xdfff).toBe(false);
        }
      }),
    );
  });

  it('Ctrl-A then Ctrl-K leaves an empty line, whatever was typed on one line', () => {
    fc.assert(
      fc.property(fc.array(keyBytes.filter((k) => !['\r', '\x1b\r', UP, DOWN, '\x10', '\x0e', '\x12', '\x1b.', '\x1f'].includes(k)), { maxLength: 40 }), (keys) => {
        const { state } = press(fresh(), `${keys.join('')}\x01\x0b`);
        expect(state.edit.text).toBe('');
      }),
    );
  });
});

describe('editor reducer: a proposed command', () => {
  const proposals = ['ls -la | wc -l', 'du -sh *', 'df -h'];
  const proposing = () => initialState({ historyLength: 0, suggestions: proposals, initial: proposals[0] });
  /** What is shown (proposal or buffer), and the effects, after typing `input` at a proposal. */
  function at(input: string): { shown: string; proposed: boolean; effects: Effect[] } {
    const { state, effects } = press(proposing(), input);
    const seen = view(state, [], '$ ');
    return { shown: state.proposal ? `[${seen.text}]` : `${seen.text.slice(0, seen.cursor)}|${seen.text.slice(seen.cursor)}`, proposed: state.proposed, effects };
  }

  it('starts proposed, not in the buffer', () => {
    const state = proposing();
    expect(state.edit.text).toBe('');
    expect(view(state, [], '$ ')).toEqual({ prompt: '$ ', text: 'ls -la | wc -l', cursor: 0, proposal: { seen: false } });
  });

  it('Enter runs it as proposed', () => {
    expect(at('\r').effects).toEqual([{ kind: 'submit', text: 'ls -la | wc -l', proposed: true }]);
  });

  it('typing drops it and starts the person\'s own line with what was typed (issue 10: no more "wc -lgit status")', () => {
    expect(at('git status')).toMatchObject({ shown: 'git status|', proposed: false });
    expect(at('git status\r').effects).toEqual([{ kind: 'submit', text: 'git status', proposed: false }]);
    expect(at('\x1b[200~pasted\x1b[201~').shown).toBe('pasted|');
  });

  it('Backspace and Escape drop it, leaving an empty line', () => {
    expect(at('\x7f').shown).toBe('|');
    expect(at('\x1b').shown).toBe('|');
    expect(at('\x1bx').shown).toBe('|');
  });

  it('Right, End, Tab, Ctrl-E, Ctrl-F, Home and Ctrl-A take it into the buffer, where it edits like any line', () => {
    for (const key of [RIGHT, '\x1b[F', '\x1bOF', '\t', '\x05', '\x06']) expect(at(key), JSON.stringify(key)).toMatchObject({ shown: 'ls -la | wc -l|', proposed: true });
    for (const key of ['\x01', '\x1b[H']) expect(at(key).shown, JSON.stringify(key)).toBe('|ls -la | wc -l');
    expect(at(`\x05\x17\x17grep x`).shown).toBe('ls -la | grep x|');
    expect(at('\x05 -c\r').effects).toEqual([{ kind: 'submit', text: 'ls -la | wc -l -c', proposed: true }]);
    // Tab takes it; only a second Tab after that completes.
    expect(at('\t').effects).toEqual([]);
  });

  it('Alt-N and Alt-P cycle through the proposals, still unrun', () => {
    expect(at('\x1bn').shown).toBe('[du -sh *]');
    expect(at('\x1bn\x1bn\x1bn').shown).toBe('[ls -la | wc -l]');
    expect(at('\x1bp').shown).toBe('[df -h]');
    expect(at('\x1bn\r').effects).toEqual([{ kind: 'submit', text: 'du -sh *', proposed: true }]);
    expect(at('\x1bn\x05\x1bn').shown).toBe('df -h|');
  });

  it('Ctrl-C drops it', () => {
    const { state, effects } = press(proposing(), '\x03');
    expect(effects).toEqual([{ kind: 'interrupt' }]);
    expect(state.proposal).toBeUndefined();
  });

  it('Ctrl-O asks to show all of it and marks it seen; other keys drop it and act on the empty line', () => {
    const { state, effects } = press(proposing(), '\x0f');
    expect(effects).toEqual([{ kind: 'show-proposal' }]);
    expect(state.proposal).toEqual({ seen: true });
    expect(at('\x04').effects).toEqual([{ kind: 'eof' }]);
    expect(at(UP).shown).toBe('|');
  });

  it('initial text without suggestions is the person\'s own, in the buffer', () => {
    const state = initialState({ historyLength: 0, initial: 'half typed' });
    expect(state.proposal).toBeUndefined();
    expect(view(state, [], '$ ').text).toBe('half typed');
  });
});
