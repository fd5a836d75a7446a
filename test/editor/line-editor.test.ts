import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Terminal as Headless } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { createCompleter, createHistory, createLineEditor, type Completer, type ReadResult } from '../../src/editor/index.ts';
import { foreignControls } from '../fixtures/hostile-text.ts';
import { createFakeTerminal, type FakeTerminal } from '../helpers/fake-terminal.ts';

async function editor(options: { entries?: string[]; completer?: Completer; cols?: number } = {}) {
  const terminal = createFakeTerminal({ cols: options.cols ?? 40, rows: 10 });
  const { history } = await createHistory({});
  for (const entry of options.entries ?? []) history.add(entry);
  return { terminal, history, editor: createLineEditor({ terminal, history, ...(options.completer ? { completer: options.completer } : {}) }) };
}

/** What a person would see: the written bytes run through a terminal emulator. */
async function screen(bytes: Buffer, cols = 40): Promise<{ lines: string[]; cursor: [number, number] }> {
  const term = new Headless({ cols, rows: 10, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(bytes, resolve));
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < 10; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return { lines, cursor: [buffer.cursorY, buffer.cursorX] };
}

/** Waits until the screen shows `expected`: keys are handled asynchronously, so it is looked at again until then. */
async function shows(terminal: FakeTerminal, cols: number, expected: { lines: string[]; cursor: [number, number] }): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const current = await screen(terminal.output(), cols);
    if (JSON.stringify(current) === JSON.stringify(expected) || Date.now() > deadline) return void expect(current).toEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function typed(keys: string[], options: Parameters<typeof editor>[0] = {}): Promise<ReadResult> {
  const { terminal, editor: e } = await editor(options);
  const result = e.readLine('$ ');
  for (const key of keys) terminal.type(key);
  return result;
}

describe('line editor', () => {
  it('returns the typed line on Enter, after emacs-style edits', async () => {
    expect(await typed(['echo wrld', '\x1b[D\x1b[D\x1b[D', 'o', '\r'])).toEqual({ kind: 'line', text: 'echo world' });
    expect(await typed(['xx yy', '\x01', 'echo ', '\x05', '\x17', 'zz', '\r'])).toEqual({ kind: 'line', text: 'echo xx zz' });
    expect(await typed(['abc def', '\x01', '\x0b', 'new', '\r'])).toEqual({ kind: 'line', text: 'new' });
    expect(await typed(['abc def', '\x15', '\r'])).toEqual({ kind: 'line', text: '' });
    expect(await typed(['one two', '\x1bb', '\x1bd', 'three', '\r'])).toEqual({ kind: 'line', text: 'one three' });
  });

  it('a control character inserted with Ctrl-V is drawn in caret form, never written to the terminal as is', async () => {
    const { terminal, editor: e } = await editor();
    const result = e.readLine('$ ');
    // A lone ESC is the Escape key once nothing follows it for a moment.
    terminal.type('a\x16\x01\x16\x07\x16\x1b');
    await shows(terminal, 40, { lines: ['$ a^A^G^['], cursor: [0, 9] });
    terminal.type('b');
    await shows(terminal, 40, { lines: ['$ a^A^G^[b'], cursor: [0, 10] });
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'a\x01\x07\x1bb' });
    const written = terminal.output().toString('latin1');
    expect(written).not.toMatch(/[\x01\x07]/);
    // Every ESC written starts a sequence of conch's own (CSI), none is the buffer's.
    expect(written.replace(/\x1b\[[0-9;?]*[A-Za-z~]/g, '')).not.toContain('\x1b');
  });

  it('Ctrl-C clears the line; Ctrl-D on an empty line is end-of-file, otherwise deletes', async () => {
    expect(await typed(['partial', '\x03'])).toEqual({ kind: 'interrupt' });
    expect(await typed(['\x04'])).toEqual({ kind: 'eof' });
    expect(await typed(['ab', '\x01', '\x04', '\r'])).toEqual({ kind: 'line', text: 'b' });
  });

  it('continues an unclosed quote on a continuation prompt and returns both lines', async () => {
    const { terminal, editor: e } = await editor();
    const result = e.readLine('$ ');
    terminal.type('echo "one\r');
    terminal.type('two"\r');
    expect(await result).toEqual({ kind: 'line', text: 'echo "one\ntwo"' });
    expect((await screen(terminal.output())).lines).toEqual(['$ echo "one', '> two"']);
  });

  it('walks history with Up and Down, keeps the edited current line, and narrows by typed prefix', async () => {
    const entries = ['make build', 'git status', 'make test'];
    expect(await typed(['\x1b[A', '\x1b[A', '\r'], { entries })).toEqual({ kind: 'line', text: 'git status' });
    expect(await typed(['draft', '\x1b[A', '\x1b[B', '\r'], { entries })).toEqual({ kind: 'line', text: 'draft' });
    expect(await typed(['make', '\x1b[A', '\x1b[A', '\r'], { entries })).toEqual({ kind: 'line', text: 'make build' });
  });

  it('Ctrl-R finds an earlier command incrementally; Ctrl-R again goes older; Ctrl-G cancels', async () => {
    const entries = ['echo needle one', 'ls', 'echo needle two', 'pwd'];
    const { terminal, editor: e } = await editor({ entries, cols: 60 });
    const result = e.readLine('$ ');
    terminal.type('\x12');
    terminal.type('needle');
    await terminal.waitFor(/`needle': echo needle two/);
    expect((await screen(terminal.output(), 60)).lines.at(-1)).toBe("(reverse-i-search)`needle': echo needle two");
    terminal.type('\x12');
    await terminal.waitFor(/needle one/);
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'echo needle one' });

    expect(await typed(['keep', '\x12', 'pw', '\x07', '\r'], { entries })).toEqual({ kind: 'line', text: 'keep' });
    expect(await typed(['\x12', 'ls', '\x05', ' -l', '\r'], { entries })).toEqual({ kind: 'line', text: 'ls -l' });
  });

  it('shows a pasted search query and the history entry it finds exactly, never raw', async () => {
    const entries = ['printf "\x1b]0;EVIL\x07"'];
    const { terminal, editor: e } = await editor({ entries, cols: 60 });
    const result = e.readLine('$ ');
    terminal.type('\x12');
    terminal.type('\x1b[200~\x1b]0;\x1b[201~');
    await terminal.waitFor(/EVIL/);
    const { lines } = await screen(terminal.output(), 60);
    // Ctrl-C ends the search, then the read.
    terminal.type('\x03');
    terminal.type('\x03');
    await result;
    expect(foreignControls(terminal.text())).toEqual([]);
    expect(lines[0]).toBe("(reverse-i-search)`^[]0;': printf \"^[]0;EVIL^G\"");
  });

  it('Tab completes a unique match inline, the common prefix of several, and lists them on a second Tab', async () => {
    const completer: Completer = async (line, cursor) => {
      const word = line.slice(0, cursor).split(' ').pop() ?? '';
      const names = ['docs/', 'downloads/', 'dist/'].filter((n) => n.startsWith(word));
      return { from: cursor - word.length, candidates: names };
    };
    expect(await typed(['cd di', '\t', '\r'], { completer })).toEqual({ kind: 'line', text: 'cd dist/' });
    const { terminal, editor: e } = await editor({ completer });
    const result = e.readLine('$ ');
    terminal.type('cd do');
    terminal.type('\t');
    terminal.type('\t');
    await terminal.waitFor(/downloads/);
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'cd do' });
    const { lines } = await screen(terminal.output());
    expect(lines.slice(0, 2)).toEqual(['$ cd do', 'docs/       downloads/']);
    expect(lines[2]).toBe('$ cd do');
  });

  it('completes real paths and commands through createCompleter, quoting spaces', async () => {
    const root = mkdtempSync(join(tmpdir(), 'conch-edit-'));
    mkdirSync(join(root, 'bin'));
    writeFileSync(join(root, 'bin', 'frobnicate'), '');
    chmodSync(join(root, 'bin', 'frobnicate'), 0o755);
    mkdirSync(join(root, 'my projects', 'conch'), { recursive: true });
    const completer = createCompleter({ cwd: () => root, env: () => ({ PATH: join(root, 'bin') }), builtins: ['exit'] });
    expect(await typed(['frob', '\t', 'x', '\r'], { completer })).toEqual({ kind: 'line', text: 'frobnicate x' });
    expect(await typed(['cd my', '\t', 'co', '\t', '\r'], { completer })).toEqual({ kind: 'line', text: 'cd my\\ projects/conch/' });
  });

  it('lists file names exactly, every control and invisible character visible, none sent raw', async () => {
    const root = mkdtempSync(join(tmpdir(), 'conch-edit-'));
    for (const name of ['x\x1b]0;EVIL\x07t', 'x\u009b2Jc', 'x\u202eexe.txt', 'x\nnl', 'x\u200bzw']) writeFileSync(join(root, name), '');
    const completer = createCompleter({ cwd: () => root, env: () => ({ PATH: '' }), builtins: [] });
    const { terminal, editor: e } = await editor({ completer, cols: 100 });
    const result = e.readLine('$ ');
    terminal.type('cat x');
    terminal.type('\t');
    terminal.type('\t');
    await terminal.waitFor(/EVIL/);
    terminal.type('\x03');
    await result;
    // The first Tab rings conch's own bell (several matches); the name's BEL shows as ^G below.
    expect(foreignControls(terminal.text().replace(/\x07/g, ''))).toEqual([]);
    const { lines } = await screen(terminal.output(), 100);
    expect(lines[1]!.split(/\s{2,}/)).toEqual(['x^Jnl', 'x^[]0;EVIL^Gt', 'x\\u009b2Jc', 'x<U+200B>zw', 'x<U+202E>exe.txt']);
  });

  it('an abort while a completion is pending returns at once and draws nothing afterwards', async () => {
    let release: (value: { from: number; candidates: string[] }) => void = () => {};
    let asked: () => void = () => {};
    const completing = new Promise<void>((resolve) => (asked = resolve));
    const completer: Completer = () => {
      asked();
      return new Promise((resolve) => (release = resolve));
    };
    const { terminal, editor: e } = await editor({ completer });
    const controller = new AbortController();
    const result = e.readLine('$ ', { signal: controller.signal });
    terminal.type('ls sr');
    terminal.type('\t');
    await completing;
    controller.abort();
    expect(await result).toEqual({ kind: 'interrupt', text: 'ls sr' });
    const written = terminal.text().length;
    release({ from: 3, candidates: ['src/'] });
    // What the editor does with the late completion runs in microtasks, all done before the next macrotask.
    await new Promise((resolve) => setImmediate(resolve));
    expect(terminal.text().length).toBe(written);
  });

  it('lists a huge number of candidates as a count instead of flooding the screen', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `cmd${i}`);
    const completer: Completer = async () => ({ from: 0, candidates: names });
    const { terminal, editor: e } = await editor({ completer });
    const result = e.readLine('$ ');
    terminal.type('\t');
    terminal.type('\t');
    await terminal.waitFor(/1000 possibilities/);
    terminal.type('\x03');
    await result;
    expect(terminal.text()).not.toContain('cmd999');
  });

  it('records a submitted line in history, but not one starting with a space', async () => {
    const { terminal, history, editor: e } = await editor();
    let result = e.readLine('$ ');
    terminal.type('make\r');
    await result;
    result = e.readLine('$ ');
    terminal.type(' export TOKEN=x\r');
    expect(await result).toEqual({ kind: 'line', text: ' export TOKEN=x' });
    expect(history.entries()).toEqual(['make']);
  });

  it('wraps a long line over several rows and keeps the cursor where the text is', async () => {
    const { terminal, editor: e } = await editor({ cols: 20 });
    const result = e.readLine('$ ');
    terminal.type('echo 0123456789abcdefghij');
    terminal.type('\x1b[D'.repeat(12));
    await shows(terminal, 20, { lines: ['$ echo 0123456789abc', 'defghij'], cursor: [0, 15] });
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'echo 0123456789abcdefghij' });
  });

  it('starts with a given text in the buffer, unrun, and an AbortSignal ends the read, giving the unfinished text back', async () => {
    const { terminal, editor: e } = await editor();
    const controller = new AbortController();
    const result = e.readLine('$ ', { initial: 'ls -la', signal: controller.signal });
    await terminal.waitFor(/ls -la/);
    controller.abort();
    expect(await result).toEqual({ kind: 'interrupt', text: 'ls -la' });
    expect(await typed([' extra', '\r'].map((k) => k), {})).toEqual({ kind: 'line', text: ' extra' });
  });

  it('inserts a bracketed paste literally, newlines included, without running it', async () => {
    expect(await typed(['\x1b[200~echo a\recho b\x1b[201~', '\r'])).toEqual({ kind: 'line', text: 'echo a\necho b' });
  });
});

describe('line editor: proposed commands', () => {
  it('cycles through suggestions with Alt-N and Alt-P, and runs only on Enter', async () => {
    const { terminal, editor: e } = await editor();
    const suggestions = ['ls -la', 'du -sh *', 'df -h'];
    const result = e.readLine('$ ', { initial: suggestions[0], suggestions });
    await terminal.waitFor(/ls -la/);
    terminal.type('\x1bn');
    terminal.type('\x1bn');
    terminal.type('\x1bn');
    terminal.type('\x1bp');
    terminal.type('\x1bp');
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'du -sh *', proposed: true });
  });

  it('Ctrl-C drops a proposed command', async () => {
    const { terminal, editor: e } = await editor();
    const result = e.readLine('$ ', { initial: 'rm -rf build', suggestions: ['rm -rf build'] });
    await terminal.waitFor(/rm -rf build/);
    terminal.type('\x03');
    expect(await result).toEqual({ kind: 'interrupt' });
    expect((await screen(terminal.output())).lines).toEqual(['$ ^C']);
  });

  it('never takes keys typed before the proposal appeared as its answer', async () => {
    const { terminal, editor: e } = await editor();
    const result = e.readLine('$ ', { suggestions: ['rm -rf build'] });
    // Typed before the proposal is on screen (type-ahead): dropped, Enter included.
    terminal.type('x\r');
    await terminal.waitFor(/rm -rf build/);
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'rm -rf build', proposed: true });
  });

  it('shows the proposal dim, and plain once it runs; without colour, marked as proposed', async () => {
    const { terminal, editor: e } = await editor();
    const result = e.readLine('$ ', { suggestions: ['ls -la'] });
    await terminal.waitFor(/\x1b\[2mls -la\x1b\[22m/);
    expect(await screen(terminal.output())).toEqual({ lines: ['$ ls -la'], cursor: [0, 2] });
    terminal.type('\r');
    await result;
    // The last draw, once Enter ran it: plain.
    expect(terminal.text().split('\x1b[J\r').at(-1)).toMatch(/^\$ ls -la\r/);

    const plain = createFakeTerminal({ cols: 40, rows: 10 });
    const { history } = await createHistory({});
    const marked = createLineEditor({ terminal: plain, history, color: false }).readLine('$ ', { suggestions: ['ls -la'] });
    await plain.waitFor(/ls -la/);
    expect((await screen(plain.output())).lines).toEqual(['$ [proposed] ls -la']);
    expect(plain.text()).not.toMatch(/\x1b\[2m/);
    plain.type('\r');
    expect(await marked).toEqual({ kind: 'line', text: 'ls -la', proposed: true });
    expect((await screen(plain.output())).lines).toEqual(['$ ls -la']);
  });

  it('shows a risky proposal red, with its warning on a line of its own, as it is offered and when Alt-N cycles to it; plain and without the warning once run', async () => {
    const { terminal, editor: e } = await editor({ cols: 40 });
    const risk = (command: string) => (command.startsWith('rm') ? `risky: deletes files recursively, including ${command.slice(7)}` : undefined);
    const result = e.readLine('$ ', { suggestions: ['ls -la', 'rm -rf ~/important'], risk });
    await terminal.waitFor(/ls -la/);
    expect(await screen(terminal.output())).toEqual({ lines: ['$ ls -la'], cursor: [0, 2] });
    const risky = { lines: ['$ rm -rf ~/important', 'risky: deletes files recursively, includ', 'ing ~/important'], cursor: [0, 2] as [number, number] };
    terminal.type('\x1bn');
    // The warning wraps at the width, under the command; the cursor waits at the start of the command.
    await shows(terminal, 40, risky);
    const drawn = terminal.text().split('\x1b[J\r').at(-1)!;
    expect(drawn).toMatch(/^\$ \x1b\[31mrm -rf ~\/important\x1b\[39m\r\n\x1b\[1;31mrisky: /);
    terminal.type('\x1bn');
    await shows(terminal, 40, { lines: ['$ ls -la'], cursor: [0, 2] });
    terminal.type('\x1bp');
    await shows(terminal, 40, risky);
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'rm -rf ~/important', proposed: true });
    expect((await screen(terminal.output())).lines).toEqual(['$ rm -rf ~/important']);

    const plain = createFakeTerminal({ cols: 40, rows: 10 });
    const { history } = await createHistory({});
    const marked = createLineEditor({ terminal: plain, history, color: false }).readLine('$ ', { suggestions: ['rm -rf ~/important'], risk });
    await plain.waitFor(/important/);
    expect((await screen(plain.output())).lines).toEqual(['$ [risky] rm -rf ~/important', 'risky: deletes files recursively, includ', 'ing ~/important']);
    expect(plain.text()).not.toMatch(/\x1b\[[0-9;]*m/);
    plain.type('\x03');
    expect(await marked).toEqual({ kind: 'interrupt' });
    expect((await screen(plain.output())).lines).toEqual(['$ ^C']);
  });

  it('typing after a proposal starts the person\'s own line, with nothing of the proposal left', async () => {
    const { terminal, editor: e } = await editor();
    const result = e.readLine('$ ', { suggestions: ['ls -la | wc -l'] });
    await terminal.waitFor(/wc -l/);
    terminal.type('git status');
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'git status' });
    expect((await screen(terminal.output())).lines).toEqual(['$ git status']);
  });

  it('shows each line of a multi-line proposal on its own line, behind the continuation prompt', async () => {
    const { terminal, editor: e } = await editor();
    const result = e.readLine('$ ', { suggestions: ['for f in *; do\n  wc -l "$f"\ndone'] });
    await terminal.waitFor(/done/);
    expect((await screen(terminal.output())).lines).toEqual(['$ for f in *; do', '>   wc -l "$f"', '> done']);
    terminal.type('\r');
    expect(await result).toMatchObject({ kind: 'line', proposed: true });
  });

  it('shows every character of a proposal as it is: controls in caret form, C1 as \\u009b, bidi and zero-width as <U+...>', async () => {
    const { terminal, editor: e } = await editor({ cols: 80 });
    const command = 'ls -la\x1b[2K\x1b[Gcurl -d@f x\u009b2K\u009bG; r\u200bm \u202efdp.exe\x07';
    const result = e.readLine('$ ', { suggestions: [command] });
    await terminal.waitFor(/curl/);
    expect(foreignControls(terminal.text())).toEqual([]);
    expect((await screen(terminal.output(), 80)).lines).toEqual(['$ ls -la^[[2K^[[Gcurl -d@f x\\u009b2K\\u009bG; r<U+200B>m <U+202E>fdp.exe^G']);
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: command, proposed: true });
  });

  it('shows a proposal taller than the screen as its head and "+N lines"; Enter runs it only after Ctrl-O showed all of it', async () => {
    const { terminal, editor: e } = await editor({ cols: 60 });
    const command = `rm -rf ~/precious${'\n'.repeat(45)}ls -la`;
    const result = e.readLine('$ ', { suggestions: [command] });
    await terminal.waitFor(/\+\d+ lines/);
    const head = await screen(terminal.output(), 60);
    expect(head.lines[0]).toBe('$ rm -rf ~/precious');
    expect(head.lines).toHaveLength(9);
    expect(head.lines[8]).toBe('… +38 lines · Ctrl-O shows all, then Enter runs it');
    terminal.type('\r');
    await terminal.waitFor(/\x07/);
    terminal.type('\x0f');
    await terminal.waitFor(/all shown above/);
    expect(terminal.text()).toContain('> ls -la');
    terminal.type('\r');
    expect(await result).toEqual({ kind: 'line', text: command, proposed: true });
  });
});

describe('line editor with the shell behind it', () => {
  it('prints output that arrives while it reads above the prompt, and draws the prompt again below', async () => {
    const { terminal, editor: e } = await editor();
    const result = e.readLine('$ ');
    terminal.type('echo hi');
    e.printAbove('[1]+  Done                    sleep 1\r\n');
    e.printAbove('no newline');
    terminal.type('\r');
    await result;
    expect((await screen(terminal.output())).lines).toEqual(['[1]+  Done                    sleep 1', 'no newline', '$ echo hi']);
  });

  it('hands back keys typed after the Enter that finished the read, and can leave a line out of history', async () => {
    const handedBack: Buffer[] = [];
    const terminal = Object.assign(createFakeTerminal({ cols: 40, rows: 10 }), { unshiftInput: (data: Buffer) => handedBack.push(data) });
    const { history } = await createHistory({});
    const result = createLineEditor({ terminal, history }).readLine('> ', { addToHistory: false });
    terminal.type('fi\recho next\x1b[Dx');
    expect(await result).toEqual({ kind: 'line', text: 'fi' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(Buffer.concat(handedBack).toString()).toBe('echo next\x1b[Dx');
    expect(history.entries()).toEqual([]);
  });
});
