import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';

let session: TmuxSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

describe.each(['/bin/bash', '/usr/bin/zsh'])('a partial line typed ahead during a command, with %s (tmux)', (shell) => {
  it.skipIf(!existsSync(shell))('moves into the next prompt: no echo of it left behind, no unfinished-line marker', async () => {
    const s = (session = startConch({ args: ['--shell', shell] }));
    await s.waitFor(/\$ ?$/);
    // Runs until the test says so, without reading the terminal.
    s.type('echo start; until [ -e go ]; do sleep 0.05; done');
    s.keys('Enter');
    await s.waitFor(/^start$/m);
    // The terminal echoes it while the command runs, as any terminal would.
    s.type('echo part');
    await s.waitFor(/^start\necho part$/m);
    writeFileSync(join(s.home, 'go'), '');
    await s.waitFor(/^start\n\S.*\$ echo part$/m);
    expect(s.screen()).not.toMatch(/%/);
    s.type('ial');
    s.keys('Enter');
    await s.waitFor(/^partial$/m);
  });
});
