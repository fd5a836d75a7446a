import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSessions, outputs, startShell } from '../helpers/shell-session.ts';

afterEach(closeSessions);

// Each firing writes the command it fired for, and the status it saw.
const TRAP = `trap 'printf "%s|%s\\\\n" "$BASH_COMMAND" "$?" >> ~/debug.log' DEBUG`;

function firings(home: string): string[] {
  const log = join(home, 'debug.log');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

describe('a user’s DEBUG trap in bash', () => {
  it('from ~/.bashrc, fires for the user’s commands only: never for conch’s set-up or its prompt hook', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bashrc'), `${TRAP}\n`);
    const { submit } = await startShell('bash', '/bin/bash', { home });
    expect(firings(home)).toEqual([]);
    await submit('false');
    await submit('echo a; echo b');
    // A line too long for the terminal goes through a file: it fires once, for sourcing that file.
    await submit(`echo ${'x'.repeat(5000)} > /dev/null`);
    expect(firings(home)).toEqual(['false|0', 'echo a|1', 'echo b|0', expect.stringMatching(/^\. '.*conch-command-.*\|0$/)]);
  });

  it('set at the prompt, with other signals, is found at the next prompt; the other signals keep theirs', async () => {
    const { submit, home } = await startShell('bash', '/bin/bash');
    await submit(`${TRAP} USR1`);
    // At the prompt right after it was set, the trap still fires for conch's hook (twice at most): bash
    // hides a trap from the functions it runs, so conch can find it only there.
    const settled = firings(home).length;
    expect(settled).toBeLessThanOrEqual(2);
    await submit('true');
    await submit('true');
    expect(firings(home).slice(settled)).toEqual(['true|0', 'true|0']);
    expect(outputs(await submit('trap -p USR1'))).toEqual([expect.stringContaining('debug.log')]);
    await submit('trap - DEBUG');
    const removed = firings(home).length;
    await submit('true');
    expect(firings(home)).toHaveLength(removed);
  });
});
