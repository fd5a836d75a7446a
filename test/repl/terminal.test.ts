import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/repl/terminal.ts';

function terminal() {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  return { stdin, term: createTerminal({ stdin, stdout }) };
}

async function keys(stdin: PassThrough, text: string): Promise<void> {
  stdin.write(text);
  await new Promise((resolve) => setImmediate(resolve));
}

function read(term: ReturnType<typeof createTerminal>): string {
  let got = '';
  const off = term.onInput((data) => (got += data.toString()));
  off();
  return got;
}

describe('the terminal keeps keys in the order they were typed', () => {
  it('keys handed back by the shell come after those waiting since before the command, before those typed since', async () => {
    const { stdin, term } = terminal();
    // Typed while conch was between reading the line and the command starting: waits for the editor.
    await keys(stdin, 'echo typed-ahead');
    let toCommand = '';
    const stop = term.onInput((data) => (toCommand += data.toString()), { fresh: true });
    await keys(stdin, '\recho part');
    stop();
    expect(toCommand).toBe('\recho part');
    // Typed after the command ended, before the shell handed its unread keys back.
    await keys(stdin, ' more');
    term.unshiftInput(Buffer.from('\r'));
    term.unshiftInput(Buffer.from('echo part'));
    expect(read(term)).toBe('echo typed-ahead\recho part more');
  });

  it('with nothing waiting, handed-back keys come first', async () => {
    const { stdin, term } = terminal();
    const stop = term.onInput(() => {}, { fresh: true });
    stop();
    await keys(stdin, 'later');
    term.unshiftInput(Buffer.from('first '));
    expect(read(term)).toBe('first later');
  });
  it('keys the editor read past its line and hands back late are never a running command’s: they come first at the next prompt', async () => {
    const { stdin, term } = terminal();
    term.onInput(() => {})();
    // Typed after the editor finished its line, before the command began.
    await keys(stdin, 'later');
    let toCommand = '';
    term.onInput((data) => (toCommand += data.toString()), { fresh: true });
    term.unshiftInput(Buffer.from('echo two\r'));
    expect(toCommand).toBe('');
    expect(read(term)).toBe('echo two\rlater');
  });
});

describe("the terminal remembers the shell's hand-back against the last line written", () => {
  it('handBack keys are read like unshiftInput ones, and taken once with the line the output ended on', async () => {
    const { stdin, term } = terminal();
    term.write('start\r\n');
    term.write(Buffer.from('echo pa'));
    term.write('rt');
    term.handBack(Buffer.from('echo part'));
    await keys(stdin, ' more');
    expect(term.takeTypedAhead()).toEqual({ keys: 'echo part', lastLine: 'echo part' });
    expect(term.takeTypedAhead()).toBeUndefined();
    expect(read(term)).toBe('echo part more');
    // The editor's own leftovers are no hand-back.
    term.unshiftInput(Buffer.from('x'));
    expect(term.takeTypedAhead()).toBeUndefined();
  });

  it('a last line too long to be one row is not followed', () => {
    const { term } = terminal();
    term.write('x'.repeat(5000));
    term.handBack(Buffer.from('x'));
    expect(term.takeTypedAhead()).toEqual({ keys: 'x', lastLine: undefined });
    term.write('\nnext');
    term.handBack(Buffer.from('y'));
    expect(term.takeTypedAhead()).toEqual({ keys: 'y', lastLine: 'next' });
  });
});
