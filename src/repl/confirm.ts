import type { Terminal } from './terminal.ts';

/** Asks a yes/no question and reads one key: y or Y is yes, anything else (Enter, n, Ctrl-C) is no. */
export function askYesNo(terminal: Terminal, question: string): Promise<boolean> {
  terminal.write(`${question} [y/N] `);
  return new Promise((resolve) => {
    const stop = terminal.onInput((data) => {
      stop();
      const yes = data[0] === 0x79 || data[0] === 0x59;
      terminal.write(`${yes ? 'y' : 'n'}\r\n`);
      resolve(yes);
    });
  });
}
