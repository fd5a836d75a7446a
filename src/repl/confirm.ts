import { onFreshInput } from '../editor/index.ts';
import type { Terminal } from './terminal.ts';

/** A yes/no question's answer: `interrupt` is Ctrl-C, which means more than no where something larger is going on (a goal). */
export type KeyAnswer = 'yes' | 'no' | 'interrupt';

/**
 * Asks a yes/no question and reads one key: y or Y is yes, Ctrl-C is
 * interrupt (shown as ^C), anything else (Enter, n) is no. Keys typed before
 * the question appeared (type-ahead while a command ran or an answer
 * streamed) never answer it.
 */
export function askKey(terminal: Terminal, question: string): Promise<KeyAnswer> {
  return new Promise((resolve) => {
    const stop = onFreshInput(
      terminal,
      (data) => {
        stop();
        const answer = data[0] === 0x79 || data[0] === 0x59 ? 'yes' : data[0] === 0x03 ? 'interrupt' : 'no';
        terminal.write(`${{ yes: 'y', no: 'n', interrupt: '^C' }[answer]}\r\n`);
        resolve(answer);
      },
      () => terminal.write(`${question} [y/N] `),
    );
  });
}

/** `askKey` where Ctrl-C is simply no. */
export async function askYesNo(terminal: Terminal, question: string): Promise<boolean> {
  return (await askKey(terminal, question)) === 'yes';
}
