import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askKey, askYesNo } from '../../src/repl/confirm.ts';
import { createTerminal } from '../../src/repl/terminal.ts';

/** The real terminal wrapper over a pair of streams: what is written to stdin is what a person typed. */
function terminal() {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let written = '';
  stdout.on('data', (data: Buffer) => (written += data.toString()));
  const shown = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!pattern.test(written)) return;
        stdout.off('data', check);
        resolve();
      };
      stdout.on('data', check);
      check();
    });
  return { stdin, terminal: createTerminal({ stdin, stdout }), shown, written: () => written };
}

describe('askYesNo', () => {
  it('is answered by a key typed after the question appeared: y is yes, anything else no', async () => {
    for (const [key, answer, echo] of [['y', true, 'y'], ['Y', true, 'y'], ['n', false, 'n'], ['\r', false, 'n'], ['\x03', false, '^C']] as const) {
      const t = terminal();
      const asked = askYesNo(t.terminal, 'Run it anyway?');
      await t.shown(/Run it anyway\? \[y\/N\] $/);
      t.stdin.write(key);
      expect(await asked).toBe(answer);
      expect(t.written()).toBe(`Run it anyway? [y/N] ${echo}\r\n`);
    }
  });

  it('tells Ctrl-C apart from no, and shows it as ^C, never as n', async () => {
    for (const [key, answer, echo] of [['y', 'yes', 'y'], ['x', 'no', 'n'], ['\x03', 'interrupt', '^C']] as const) {
      const t = terminal();
      const asked = askKey(t.terminal, 'Run it anyway?');
      await t.shown(/\[y\/N\] $/);
      t.stdin.write(key);
      expect(await asked).toBe(answer);
      expect(t.written()).toBe(`Run it anyway? [y/N] ${echo}\r\n`);
    }
  });

  it('never takes a key typed before the question appeared: queued type-ahead, or typed as it was being asked', async () => {
    const t = terminal();
    // Typed while nothing was listening (a command was running): the terminal queues it for the next listener.
    t.stdin.write('y');
    const asked = askYesNo(t.terminal, 'Run it anyway?');
    // Typed before the question is on screen.
    t.stdin.write('y');
    await t.shown(/\[y\/N\] $/);
    t.stdin.write('n');
    expect(await asked).toBe(false);

    const u = terminal();
    u.stdin.write('n');
    const again = askYesNo(u.terminal, 'Run it anyway?');
    await u.shown(/\[y\/N\] $/);
    u.stdin.write('y');
    expect(await again).toBe(true);
  });
});
