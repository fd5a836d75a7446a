import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSessions, installed, outputs, startShell } from '../helpers/shell-session.ts';
import { waitUntil } from '../helpers/wait.ts';

afterEach(closeSessions);

// conch edits lines itself: a shell whose own editor comes back on would echo every line again, and its prompt would vanish.
const CASES = [
  { kind: 'bash', path: '/bin/bash', on: ['set -o vi', 'set -o emacs', 'source ~/.bashrc'], rc: { file: '.bashrc', text: "set -o vi\nbind '\"\\C-x\\C-e\": edit-and-execute-command'\n" } },
  { kind: 'zsh', path: '/usr/bin/zsh', on: ['setopt zle', 'source ~/.zshrc'], rc: { file: '.zshrc', text: 'setopt zle\nbindkey -v\n' } },
] as const;

describe.each(CASES)('the shell’s own editor turned back on: $kind', ({ kind, path, on, rc }) => {
  it.skipIf(!installed(path))('is turned off again at once: the lines after show no echo of their own and run as typed', async () => {
    for (const line of on) {
      const { submit, terminal, home } = await startShell(kind, path);
      writeFileSync(join(home, rc.file), rc.text);
      terminal.clear();
      expect(await submit(line), line).toMatchObject({ kind: 'finished', status: 0 });
      expect(outputs(await submit('echo one')), line).toEqual(['one']);
      expect(outputs(await submit('echo "a?b"; echo done')), line).toEqual(['a?b\ndone']);
      // Nothing of the shell's editor reached the terminal: no echo of the typed lines, no bracketed-paste switch.
      expect(terminal.text(), line).not.toMatch(/echo one|echo "a\?b"|\x1b\[\?2004h|\x1b\[\?1h/);
    }
  });

  it.skipIf(!installed(path))('keeps the status of the line that turned it on, and keeps conch’s command out of the history', async () => {
    const { submit } = await startShell(kind, path);
    expect(await submit(`${on[0]}; false`)).toMatchObject({ kind: 'finished', status: 1 });
    expect(outputs(await submit('echo "status=$?"'))).toEqual(['status=1']);
    expect(outputs(await submit(kind === 'bash' ? 'history 3 | cut -c 8-' : 'fc -ln -3'))).toEqual([expect.not.stringMatching(/__conch/)]);
  });
});

describe('bash reading lines inside a command', () => {
  it('a command’s own read of the terminal is left alone, however long it waits', async () => {
    let looks = 0;
    const { session, terminal } = await startShell('bash', '/bin/bash', { onReaderLook: () => void looks++ });
    const reading = session.submit('echo ready; read x; read -e y; echo "got:$x:$y"', terminal, { readMore: () => Promise.resolve(undefined) });
    await terminal.waitFor(/ready/);
    // conch has looked whether bash reads command lines of its own while `read x` waits, and left it alone.
    await waitUntil(() => looks >= 1);
    terminal.type('first\r');
    // Two more looks, a second apart: the later one while `read -e y` waits.
    const before = looks;
    await waitUntil(() => looks >= before + 2);
    terminal.type('second\r');
    expect(outputs(await reading).join('')).toContain('got:first:second');
  });
});

