import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ctrlCAtContinuationWithIntTrap } from '../helpers/int-trap.ts';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';
import { waitUntil } from '../helpers/wait.ts';
import { inForeground } from '../helpers/foreground.ts';

let session: TmuxSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

const PROMPT = /\$ ?$/m;

const SHELLS = [
  { name: 'zsh', path: '/usr/bin/zsh', setVar: 'x=41', useVar: 'echo "x=$((x + 1))"', loop: ['for i in 1 2', 'do echo "n$i"', 'done'], ifFalse: ['if false; then', 'echo SHOULD-NOT-RUN', 'fi'] },
  { name: 'fish', path: '/usr/bin/fish', setVar: 'set x 41', useVar: 'echo "x="(math $x + 1)', loop: ['for i in 1 2', 'echo "n$i"', 'end'], ifFalse: ['if false', 'echo SHOULD-NOT-RUN', 'end'] },
  { name: 'sh', path: '/bin/sh', setVar: 'x=41', useVar: 'echo "x=$((x + 1))"', loop: ['for i in 1 2', 'do echo "n$i"', 'done'], ifFalse: ['if false; then', 'echo SHOULD-NOT-RUN', 'fi'] },
];

describe.each(SHELLS)('conch running $name (tmux)', (shell) => {
  async function conch(): Promise<TmuxSession> {
    session = startConch({ args: ['--shell', shell.path], reportExit: true });
    // fish would otherwise write generated completions into the home in the background.
    if (shell.name === 'fish') mkdirSync(join(session.home, '.local/share/fish/generated_completions'), { recursive: true });
    await session.waitFor(PROMPT);
    return session;
  }

  it.skipIf(!existsSync(shell.path))('keeps variables across lines, continues constructs until complete, and exits with the status', async () => {
    const s = await conch();
    s.type(shell.setVar);
    s.keys('Enter');
    s.type(shell.useVar);
    s.keys('Enter');
    await s.waitFor(/^x=42$/m);
    for (const line of shell.loop) {
      s.type(line);
      s.keys('Enter');
    }
    await s.waitFor(/^n1\nn2$/m);
    for (const line of shell.ifFalse) {
      s.type(line);
      s.keys('Enter');
    }
    s.type('echo after-if');
    s.keys('Enter');
    await s.waitFor(/^after-if$/m);
    expect(s.screen()).not.toMatch(/^SHOULD-NOT-RUN$/m);
    s.type('echo started; sleep 1008; echo NOT-REACHED');
    s.keys('Enter');
    await s.waitFor(/^started$/m);
    await waitUntil(() => inForeground(['sleep', '1008']));
    s.keys('C-c');
    await s.waitFor(/\[130\] \$ ?$/m);
    s.type('exit 3');
    s.keys('Enter');
    await s.waitFor(/^\[conch exited with 3\]$/m);
    expect(s.screen()).not.toMatch(/^NOT-REACHED$/m);
  });

  it.skipIf(!existsSync(shell.path) || shell.name !== 'zsh')('Ctrl-C at a continuation with an INT trap: conch shows > again, and the construct can be finished', async () => {
    const s = await conch();
    await ctrlCAtContinuationWithIntTrap(s);
  });

  it.skipIf(!existsSync(shell.path) || shell.name === 'sh')('gives keys typed while a command runs to the next prompt', async () => {
    const s = await conch();
    s.type('sleep 1; echo slept');
    s.keys('Enter');
    s.type('echo typed-ahead');
    s.keys('Enter');
    s.type('echo part');
    await s.waitFor(/^typed-ahead$/m);
    await s.waitFor(/\$ echo part$/m);
    s.type('ial');
    s.keys('Enter');
    await s.waitFor(/^partial$/m);
  });
});
