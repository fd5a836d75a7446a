import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSessions, installed, outputs, SHELLS, startShell } from '../helpers/shell-session.ts';

afterEach(closeSessions);

// The terminal's line buffer holds 4095 bytes: longer lines of a construct must reach the shell whole, and nothing of the construct may run before all of it is there.
describe.each(SHELLS.filter(({ kind }) => kind !== 'fish'))('lines longer than the terminal line buffer: $kind', ({ kind, path }) => {
  it.skipIf(!installed(path))('a here-document line typed at > is kept whole', async () => {
    const { submit, home } = await startShell(kind, path);
    const long = 'h'.repeat(8000);
    const outcome = await submit('cat > h.out <<EOF', [long, 'EOF']);
    expect(outcome).toMatchObject({ kind: 'finished', status: 0 });
    expect(readFileSync(join(home, 'h.out'), 'utf8')).toBe(`${long}\n`);
    expect(outcome.records.at(-1)?.line).toBe(`cat > h.out <<EOF\n${long}\nEOF`);
  });

  it.skipIf(!installed(path))('a long line inside an if typed at > runs whole, once the construct is complete', async () => {
    const { submit } = await startShell(kind, path);
    const outcome = await submit('if true; then', [`echo ${'c'.repeat(5000)} | wc -c`, 'fi']);
    expect(outputs(outcome).map((output) => output.trim())).toEqual(['5001']);
    expect(outputs(await submit('echo next'))).toEqual(['next']);
  });

  it.skipIf(!installed(path))('a long first line that opens a construct waits for the rest; nothing of it runs on its own', async () => {
    const { submit, terminal } = await startShell(kind, path);
    const nothing = await submit(`if [ -z ${'d'.repeat(5000)} ]; then`, ['echo SHOULD-NOT-RUN', 'fi']);
    expect(nothing).toMatchObject({ kind: 'finished', status: 0 });
    expect(outputs(nothing).join('')).not.toContain('SHOULD-NOT-RUN');
    const body = await submit(`if [ -n ${'d'.repeat(5000)} ]; then`, ['echo body-ran', 'fi']);
    expect(outputs(body)).toEqual(['body-ran']);
    expect(terminal.text()).not.toMatch(/end of file|SHOULD-NOT-RUN/i);
  });

  it.skipIf(!installed(path))('Ctrl-C while the rest of such a construct is read cancels all of it, in the shell too', async () => {
    const { submit } = await startShell(kind, path);
    expect(await submit(`if [ -n ${'d'.repeat(5000)} ]; then`, ['echo SHOULD-NOT-RUN'])).toMatchObject({ kind: 'cancelled', records: [] });
    expect(await submit('if true; then', [`echo ${'c'.repeat(5000)}`, 'echo SHOULD-NOT-RUN'])).toMatchObject({ kind: 'cancelled', records: [] });
    const after = await submit('echo next');
    expect(outputs(after)).toEqual(['next']);
  });

  it.skipIf(!installed(path))('leaves no hand-over file behind', async () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'conch-tmp-'));
    const { submit } = await startShell(kind, path, { env: { TMPDIR: sandbox } });
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = sandbox;
    try {
      expect(outputs(await submit('if true; then', [`echo ${'c'.repeat(5000)} | wc -c`, 'fi'])).map((output) => output.trim())).toEqual(['5001']);
      expect(readdirSync(sandbox)).toEqual([]);
    } finally {
      process.env.TMPDIR = previous;
    }
  });
});
