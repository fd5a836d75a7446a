
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';

let session: TmuxSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

/** The children of `parent`, from /proc. */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('the real terminal is always restored', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`after ${signal}, the terminal settings are what they were before conch`, async () => {
      const conch = `${process.execPath} ${resolve('bin/conch.js')}`;
      // A plain shell in tmux records stty before and after conch; conch is killed from outside meanwhile.
      session = startConch({ args: [], shellCommand: `stty -g > before; ${conch}; echo "status=$?"; stty -g > after; echo CHECKED` });
      const s = session;
      await s.waitFor(/\$ ?$/m);
      s.type('printf "\\033[?25l\\033[?1000h"');
      s.keys('Enter');
      await s.waitFor(/\$ ?$/m);
      const shell = Number(s.display('#{pane_pid}'));
      const [conchPid] = childrenOf(shell);
      expect(conchPid).toBeGreaterThan(0);
      process.kill(conchPid!, signal);
      await s.waitFor(/^CHECKED$/m);
      expect(s.screen()).toMatch(signal === 'SIGTERM' ? /status=143/ : /status=129/);
      expect(readFileSync(join(s.home, 'after'), 'utf8')).toBe(readFileSync(join(s.home, 'before'), 'utf8'));
      expect(s.display('#{cursor_flag}')).toBe('1');
      expect(s.display('#{mouse_standard_flag}')).toBe('0');
    });
  }

  it('forwards a window resize to the running command', async () => {
    session = startConch();
    const s = session;
    await s.waitFor(/\$ ?$/m);
    s.type('echo ready; while read x; do stty size; done');
    s.keys('Enter');
    await s.waitFor(/^ready$/m);
    s.resize(120, 40);
    // The resize reaches conch as a signal, the Enter as a key: they may cross, so the command is asked again until it sees the new size.
    for (let attempt = 1; ; attempt++) {
      s.keys('Enter');
      try {
        await s.waitFor(/^40 120$/m, 1000);
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
      }
    }
    s.keys('C-d');
    await s.waitFor(/\$ ?$/m);
  });

  it('redraws the prompt on the top row without pushing copies of it into tmux scrollback', async () => {
    session = startConch();
    const s = session;
    await s.waitFor(/\$ ?$/m);
    s.type('echo above');
    s.keys('Enter');
    await s.waitFor(/^above$/m);
    s.keys('C-l');
    // Ctrl-L itself clears the screen (tmux keeps that in history, as for bash's Ctrl-L): wait for it, then start counting.
    await s.waitFor(/^snappy ~ \$ ?$/);
    s.tmux('clear-history', '-t', 'main');
    for (const key of ['a', 'b', 'c', 'd']) {
      s.type(key);
      await s.waitFor(new RegExp(`\\$ ${'abcd'.slice(0, 'abcd'.indexOf(key) + 1)}$`, 'm'));
    }
    // tmux keeps a cleared screen as history when the clear starts at the top-left corner; each redraw must not look like one.
    expect(s.display('#{history_size}')).toBe('0');
  });
});

