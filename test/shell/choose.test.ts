import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseShell } from '../../src/shell/index.ts';

/** A PATH of fake programs: only their names and executability matter here. */
function fakePath(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'conch-path-'));
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

const notConch = () => false;

describe('which shell conch runs', () => {
  it('takes --shell, then [shell] program, then $SHELL when it is bash, zsh or fish, then bash, then /bin/sh', () => {
    const path = fakePath(['bash', 'zsh', 'fish', 'tcsh']);
    const env = { PATH: path, SHELL: join(path, 'zsh') };
    expect(chooseShell({ flag: 'fish', configured: 'bash', env, interactive: true, isConch: notConch })).toMatchObject({ path: 'fish', kind: 'fish', warnings: [] });
    expect(chooseShell({ configured: 'bash', env, interactive: true, isConch: notConch })).toMatchObject({ path: 'bash', kind: 'bash' });
    expect(chooseShell({ env, interactive: true, isConch: notConch })).toMatchObject({ path: join(path, 'zsh'), kind: 'zsh' });
    expect(chooseShell({ env: { PATH: path, SHELL: join(path, 'tcsh') }, interactive: true, isConch: notConch })).toMatchObject({ path: 'bash', kind: 'bash', warnings: [] });
    expect(chooseShell({ env: { PATH: fakePath([]) }, interactive: true, isConch: notConch })).toMatchObject({ path: '/bin/sh', kind: 'sh' });
  });

  it('never picks conch itself, even when $SHELL names it through a symlink', () => {
    const path = fakePath(['bash']);
    const bin = mkdtempSync(join(tmpdir(), 'conch-bin-'));
    const real = join(bin, 'conch.js');
    writeFileSync(real, '#!/usr/bin/env node\n');
    chmodSync(real, 0o755);
    mkdirSync(join(bin, 'links'));
    symlinkSync(real, join(bin, 'links', 'conch'));
    const choice = chooseShell({ env: { PATH: path, SHELL: join(bin, 'links', 'conch') }, interactive: true, isConch: (resolved) => resolved === real });
    expect(choice).toMatchObject({ path: 'bash', kind: 'bash', warnings: [] });
    expect(chooseShell({ flag: join(bin, 'links', 'conch'), env: { PATH: path }, interactive: false, isConch: (resolved) => resolved === real })).toMatchObject({ path: 'bash' });
  });

  it('interactively, an unsupported or missing shell is one warning and the next choice; -c runs any program as it is', () => {
    const path = fakePath(['bash', 'tcsh']);
    expect(chooseShell({ flag: 'tcsh', env: { PATH: path }, interactive: true, isConch: notConch })).toEqual({
      path: 'bash',
      kind: 'bash',
      warnings: ['--shell tcsh: not a shell conch can run interactively (bash, zsh, fish or sh)'],
    });
    expect(chooseShell({ configured: '/no/such/shell', env: { PATH: path }, interactive: true, isConch: notConch }).warnings).toEqual(['[shell] program /no/such/shell: no such program']);
    expect(chooseShell({ flag: 'tcsh', env: { PATH: path }, interactive: false, isConch: notConch })).toEqual({ path: 'tcsh', kind: undefined, warnings: [] });
  });
});
