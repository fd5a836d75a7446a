import { onFreshInput } from '../editor/index.ts';
import type { Terminal } from './terminal.ts';

/**
 * Asks a yes/no question and reads one key: y or Y is yes, anything else
 * (Enter, n, Ctrl-C) is no. Keys typed before the question appeared (type-ahead
 * while a command ran or an answer streamed) never answer it.
 */
export function askYesNo(terminal: Terminal, question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const stop = onFreshInput(
      terminal,
      (data) => {
        stop();
        const yes = data[0] === 0x79 || data[0] === 0x59;
        terminal.write(`${yes ? 'y' : 'n'}\r\n`);
        resolve(yes);
      },
      () => terminal.write(`${question} [y/N] `),
    );
  });
}
