import { afterEach, describe, expect, it } from 'vitest';
import { closeSessions, installed, outputs, SHELLS, startShell } from '../helpers/shell-session.ts';

afterEach(closeSessions);

// A user's INT trap makes the shell run it instead of dropping what it reads: conch must never wait for a prompt that will not come.
describe.each(SHELLS.filter(({ kind }) => kind === 'bash' || kind === 'zsh'))('Ctrl-C with an INT trap: $kind', ({ kind, path }) => {
  it.skipIf(!installed(path))('at a continuation, the shell keeps reading the construct and so does conch: it can be finished', async () => {
    const { session, terminal, submit } = await startShell(kind, path);
    await submit('trap : INT');
    // undefined: Ctrl-C at conch's `> `; then the person goes on typing.
    const more: (string | undefined)[] = [undefined, 'echo finished-construct', 'fi'];
    let asked = 0;
    const outcome = await session.submit('if true; then', terminal, {
      readMore: () => {
        asked++;
        return Promise.resolve(more.shift());
      },
    });
    expect(asked).toBe(3);
    expect(outcome).toMatchObject({ kind: 'finished', status: 0 });
    expect(outputs(outcome).join('')).toContain('finished-construct');
    expect(outputs(await submit('echo next'))).toEqual(['next']);
  });

  it.skipIf(!installed(path))('at the primary prompt, conch goes on and the next line runs', async () => {
    const { session, submit } = await startShell(kind, path);
    await submit('trap : INT');
    await session.interrupt();
    expect(outputs(await submit('echo after-interrupt'))).toEqual(['after-interrupt']);
  });

  it.skipIf(!installed(path))('while a command runs, the command stops, the rest of the line runs as the shell decides, and the prompt comes back', async () => {
    const { session, terminal, submit } = await startShell(kind, path);
    await submit("trap 'echo trapped' INT");
    // `started` is printed by the foreground job itself: the ^C reaches it, not the shell between two commands.
    const running = session.submit("sh -c 'echo started; exec sleep 30'; echo after-sleep", terminal, { readMore: () => Promise.resolve(undefined) });
    await terminal.waitFor(/started/);
    terminal.type('\x03');
    const outcome = await running;
    expect(outcome.kind).toBe('finished');
    expect(outputs(outcome).join('')).toMatch(/after-sleep/);
    expect(outputs(await submit('echo next'))).toEqual(['next']);
  });
});
