import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';

const CONCH = resolve('bin/conch.js');
let server: FakeModelServer;
let session: TmuxSession | undefined;
beforeAll(async () => {
  server = await startFakeModelServer();
  // Ctrl-C ends the writer too: should its end reach conch before the signal does, the question is sent, and stalls.
  server.script({ chunks: [], stall: true });
});
afterAll(() => server.close());
afterEach(() => session?.close());

describe('conch ask at a terminal, reading a pipe that does not end', () => {
  it('says once that it is still reading, and how to pipe a part; Ctrl-C ends it with 130', async () => {
    // `tail -f`: some lines, then silence for ever. The shell around it ignores
    // Ctrl-C, so that it lives to print conch's status; the writer and conch do not.
    const line = `trap '' INT; (trap - INT; printf 'first line\\n'; exec sleep 600) | '${process.execPath}' '${CONCH}' ask what happened; echo "[exit $?]"`;
    session = startConch({ cols: 200, shellCommand: line, env: { CONCH_BASE_URL: server.baseUrl } });
    const screen = await session.waitFor(/still reading it/);
    expect(screen).toContain('conch: the piped input has not ended yet; still reading it (for a stream that never ends, such as tail -f, pipe a part: tail -n 200 FILE | conch ask …); Ctrl-C cancels');
    session.keys('C-c');
    const after = await session.waitFor(/\[exit \d+\]/);
    expect(after).toContain('[exit 130]');
    expect(after.match(/still reading it/g)).toHaveLength(1);
  });
});
