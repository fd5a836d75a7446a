import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSessions, installed, outputs, startShell } from '../helpers/shell-session.ts';

afterEach(closeSessions);

const RC = {
  bash: { path: '/bin/bash', file: '.bashrc', ask: 'read -p "rc asks: " ans; echo "rc got $ans"' },
  zsh: { path: '/usr/bin/zsh', file: '.zshrc', ask: 'read "ans?rc asks: "; echo "rc got $ans"' },
  fish: { path: '/usr/bin/fish', file: '.config/fish/config.fish', ask: 'read -P "rc asks: " ans; echo "rc got $ans"' },
} as const;

function homeWithRc(file: string, text: string): string {
  const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
  mkdirSync(dirname(join(home, file)), { recursive: true });
  writeFileSync(join(home, file), `${text}\n`);
  return home;
}

describe.each(Object.entries(RC))('a start-up slower than the timeout: %s', (kind, rc) => {
  const shell = kind as keyof typeof RC;

  it.skipIf(!installed(rc.path))('relays the shell while its rc runs, then conch takes over at its first prompt; keys typed meanwhile come back', async () => {
    const home = homeWithRc(rc.file, 'sleep 1.5');
    const { session, terminal, typeahead, submit } = await startShell(shell, rc.path, { home, startTimeoutMs: 200 });
    expect(await session.started).toEqual({ kind: 'passthrough' });
    const relayed = session.passthrough(terminal);
    terminal.type('echo typed-early\r');
    expect(await relayed).toEqual({ kind: 'ready' });
    await expect.poll(() => typeahead.join(''), { timeout: 10_000 }).toBe('echo typed-early\n');
    expect(outputs(await submit('echo after-start'))).toEqual(['after-start']);
    expect(outputs(await submit('echo again'))).toEqual(['again']);
  });

  it.skipIf(!installed(rc.path))('relays an rc that asks a question, passes the answer on, then takes over', async () => {
    const home = homeWithRc(rc.file, rc.ask);
    const { session, terminal, submit } = await startShell(shell, rc.path, { home, startTimeoutMs: 200 });
    expect(await session.started).toEqual({ kind: 'passthrough' });
    await terminal.waitFor(/rc asks: /);
    const relayed = session.passthrough(terminal);
    terminal.type('yes\r');
    expect(await relayed).toEqual({ kind: 'ready' });
    await terminal.waitFor(/rc got yes/);
    expect(outputs(await submit('echo after-question'))).toEqual(['after-question']);
  });
});
