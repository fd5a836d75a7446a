import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';

let session: TmuxSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

const PROMPT = /\$ ?$/m;

const SHELLS = [
  {
    name: 'bash',
    path: '/bin/bash',
    rc: '.bashrc',
    rcText: 'rc_fn_mine() { :; }\nalias rc_al_mine="echo rc"\nexport RC_VAR_MINE=1\n',
    define: ['f_mine() { :; }; echo defined-1', 'alias al_mine="echo hi"; echo defined-2', 'export VAR_MINE=1; echo defined-3'],
    builtin: 'shopt',
  },
  {
    name: 'zsh',
    path: '/usr/bin/zsh',
    rc: '.zshrc',
    rcText: 'rc_fn_mine() { :; }\nalias rc_al_mine="echo rc"\nexport RC_VAR_MINE=1\n',
    define: ['f_mine() { :; }; echo defined-1', 'alias al_mine="echo hi"; echo defined-2', 'export VAR_MINE=1; echo defined-3'],
    builtin: 'setopt',
  },
  {
    name: 'fish',
    path: '/usr/bin/fish',
    rc: '.config/fish/config.fish',
    rcText: 'function rc_fn_mine; end\nabbr -a rc_al_mine "echo rc"\nset -gx RC_VAR_MINE 1\n',
    define: ['function f_mine; end; echo defined-1', 'alias al_mine "echo hi"; echo defined-2', 'set -gx VAR_MINE 1; echo defined-3'],
    builtin: 'argparse',
  },
  {
    // sh cannot list its functions: those of its ENV file are not offered (its aliases are).
    name: 'sh',
    path: '/bin/sh',
    rc: '.shrc',
    rcText: 'alias rc_al_mine="echo rc"\nexport RC_VAR_MINE=1\n',
    define: ['f_mine() { :; }; echo defined-1', 'alias al_mine="echo hi"; echo defined-2', 'export VAR_MINE=1; echo defined-3'],
    builtin: 'readonly',
  },
];

describe.each(SHELLS)('Tab completes the names of the live $name session (tmux)', (shell) => {
  async function conch(): Promise<TmuxSession> {
    session = startConch({ args: ['--shell', shell.path], env: { ENV: '$HOME/.shrc' } });
    if (shell.name === 'fish') mkdirSync(join(session.home, '.local/share/fish/generated_completions'), { recursive: true });
    const rc = join(session.home, shell.rc);
    mkdirSync(dirname(rc), { recursive: true });
    writeFileSync(rc, shell.rcText);
    await session.waitFor(PROMPT);
    return session;
  }

  /** Types `text`, Tab, then a Z (the screen keeps no trailing blank): the prompt's line must read `shown` and the Z. */
  async function completes(s: TmuxSession, text: string, shown: string): Promise<void> {
    s.type(text);
    s.keys('Tab');
    s.type('Z');
    await s.waitFor(new RegExp(`\\$ ${shown.replace(/[$^{}()|.*+?\\[\]]/g, '\\$&')}Z$`, 'm'));
    s.keys('C-u');
    await s.waitFor(/\$ ?$/);
  }

  it.skipIf(!existsSync(shell.path))('functions, aliases and variables defined in the rc file and at the prompt, builtins too', async () => {
    const s = await conch();
    for (const [i, line] of shell.define.entries()) {
      s.type(line);
      s.keys('Enter');
      await s.waitFor(new RegExp(`^defined-${i + 1}$`, 'm'));
    }
    await s.waitFor(PROMPT);
    await completes(s, 'f_mi', 'f_mine ');
    await completes(s, 'al_mi', 'al_mine ');
    await completes(s, 'echo $VAR_MI', 'echo $VAR_MINE');
    await completes(s, 'echo "${VAR_MI', 'echo "${VAR_MINE}');
    if (shell.name !== 'sh') await completes(s, 'rc_fn_mi', 'rc_fn_mine ');
    await completes(s, 'rc_al_mi', 'rc_al_mine ');
    await completes(s, 'echo $RC_VAR_MI', 'echo $RC_VAR_MINE');
    // A builtin that is no file on PATH.
    await completes(s, shell.builtin.slice(0, -1), `${shell.builtin} `);
  });
});
