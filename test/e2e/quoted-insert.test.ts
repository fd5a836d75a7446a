import { afterEach, describe, expect, it } from 'vitest';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';

let session: TmuxSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

describe('Ctrl-V inserts the next key literally (tmux)', () => {
  it('a Tab and a Ctrl-A go into the line as bytes, shown in caret form, and reach the command as typed', async () => {
    const s = (session = startConch({ args: ['--shell', '/bin/bash'] }));
    await s.waitFor(/\$ ?$/);
    s.type('printf %s "<');
    s.keys('C-v', 'Tab');
    s.keys('C-v', 'C-a');
    s.type('>" | od -An -c');
    await s.waitFor(/\$ printf %s "<\^I\^A>" \| od -An -c$/m);
    // Ctrl-V Ctrl-A inserted a byte: Ctrl-A did not move to the start of the line.
    expect(s.screen()).not.toMatch(/\$ >" \| od/);
    s.keys('Enter');
    await s.waitFor(/^\s+<\s+\\t\s+001\s+>$/m);
  });
});
