import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/repl/terminal.ts';

function terminal() {
  const stdin = new PassThrough();
  const term = createTerminal({ stdin, stdout: new PassThrough() });
  const type = (text: string) => stdin.emit('data', Buffer.from(text));
  const read = () => {
    const got: string[] = [];
    term.onInput((data) => got.push(data.toString()))();
    return got.join('');
  };
  return { term, type, read };
}

describe('the terminal’s input queue', () => {
  it('keeps keys typed before a command began ahead of what the shell hands back of the keys the command got', () => {
    const { term, type, read } = terminal();
    // Typed after Enter, before the command started: they wait for conch's next prompt.
    type('echo typed-ahead');
    const toShell: string[] = [];
    const stop = term.onInput((data) => toShell.push(data.toString()), { fresh: true });
    // Typed while the command ran: the shell's, until it hands back what the command did not read.
    type('\recho part');
    stop();
    // Typed after the command ended.
    type('ial');
    term.unshiftInput(Buffer.from(toShell.join('')));
    expect(toShell).toEqual(['\recho part']);
    expect(read()).toBe('echo typed-ahead\recho partial');
  });

  it('reads keys handed back by the line editor first, when no command took keys since', () => {
    const { term, type, read } = terminal();
    type('echo one\r');
    expect(read()).toBe('echo one\r');
    type('later');
    term.unshiftInput(Buffer.from('echo two'));
    expect(read()).toBe('echo twolater');
  });

  it('never gives a running command the keys the editor hands back: they were typed before it began', () => {
    const { term, type, read } = terminal();
    const stopEditor = term.onInput(() => undefined);
    stopEditor();
    type('later');
    const toShell: string[] = [];
    term.onInput((data) => toShell.push(data.toString()), { fresh: true });
    term.unshiftInput(Buffer.from('echo two\r'));
    expect(toShell).toEqual([]);
    expect(read()).toBe('echo two\rlater');
  });

  it('keeps the order of several chunks handed back', () => {
    const { term, type, read } = terminal();
    type('a');
    term.onInput(() => undefined, { fresh: true })();
    type('d');
    term.unshiftInput(Buffer.from('b'));
    term.unshiftInput(Buffer.from('c'));
    expect(read()).toBe('abcd');
  });
});
