import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chunk, sse, startFakeModelServer } from '../fixtures/fake-model-server.ts';
import { ctrlCAtContinuationWithIntTrap } from '../helpers/int-trap.ts';
import { startConch, type TmuxSession } from '../helpers/tmux.ts';
import { waitUntil } from '../helpers/wait.ts';
import { inForeground } from '../helpers/foreground.ts';

let session: TmuxSession | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
});

const PROMPT = /\$ ?$/m;

async function conch(options?: Parameters<typeof startConch>[0]): Promise<TmuxSession> {
  session = startConch(options);
  await session.waitFor(PROMPT);
  return session;
}

describe('conch in a real terminal (tmux)', () => {
  it("runs the user's own shell: an alias and a function from ~/.bashrc, variables across lines", async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bashrc'), "alias ll='echo from-alias'\nrcgreet() { echo \"hi $1\"; }\n");
    const s = await conch({ home });
    s.type('ll');
    s.keys('Enter');
    await s.waitFor(/^from-alias$/m);
    s.type('rcgreet there');
    s.keys('Enter');
    await s.waitFor(/^hi there$/m);
    s.type('x=1');
    s.keys('Enter');
    s.type('echo "x=$x"');
    s.keys('Enter');
    await s.waitFor(/^x=1$/m);
    s.type('false');
    s.keys('Enter');
    s.type('echo "status=$?"');
    s.keys('Enter');
    await s.waitFor(/^status=1$/m);
  });

  it('continues a for loop typed over three lines, and runs nothing of if false ... fi', async () => {
    const s = await conch();
    s.type('for i in 1 2');
    s.keys('Enter');
    await s.waitFor(/^> ?$/m);
    s.type('do echo "n$i"');
    s.keys('Enter');
    s.type('done');
    s.keys('Enter');
    await s.waitFor(/^n1\nn2$/m);
    s.type('if false; then');
    s.keys('Enter');
    s.type('echo SHOULD-NOT-RUN');
    s.keys('Enter');
    s.type('fi');
    s.keys('Enter');
    s.type('echo after-if');
    s.keys('Enter');
    await s.waitFor(/^after-if$/m);
    expect(s.screen()).not.toMatch(/^SHOULD-NOT-RUN$/m);
  });

  it('prints the shell’s own [1] PID for `sleep 2 &` and its Done notice', async () => {
    const s = await conch();
    s.type('sleep 1 &');
    s.keys('Enter');
    await s.waitFor(/^\[1\] \d+$/m);
    await waitUntil(() => {
      s.keys('Enter');
      return /\[1\]\+\s+Done\s+sleep 1/.test(s.screen());
    });
  });

  it('gives keys typed while a command runs to the next prompt: a whole line runs, a partial one waits for editing', async () => {
    const s = await conch();
    s.type('sleep 1; echo slept');
    s.keys('Enter');
    s.type('echo typed-ahead');
    s.keys('Enter');
    s.type('echo part');
    await s.waitFor(/^typed-ahead$/m);
    await s.waitFor(/\$ echo part$/m);
    s.type('ial');
    s.keys('Enter');
    await s.waitFor(/^partial$/m);
  });

  it('prints output arriving while the prompt is up above it, and keeps the half-typed line', async () => {
    const s = await conch();
    s.type('(sleep 0.5; echo from-background) &');
    s.keys('Enter');
    await s.waitFor(/^\[1\] \d+$/m);
    s.type('echo half-typed');
    await s.waitFor(/^from-background$/m);
    await s.waitFor(/\$ echo half-typed$/);
    expect(s.screen().split('\n').at(-1)).toMatch(/\$ echo half-typed$/);
    s.keys('Enter');
    await s.waitFor(/^half-typed$/m);
  });

  it('a terminal’s replies to a finished program’s queries never become typed text', async () => {
    const s = await conch();
    // Cursor position, device attributes and background colour: tmux answers each on conch's stdin.
    s.type("printf '\\033[6n\\033[c\\033]11;?\\007'; echo queried");
    s.keys('Enter');
    await s.waitFor(/^queried$/m);
    s.type('echo after-queries');
    s.keys('Enter');
    await s.waitFor(/^after-queries$/m);
    expect(s.screen()).not.toMatch(/command not found|\[\d+;\d+R/);
  });

  it('relays the shell as it is when its rc file never finishes starting it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bashrc'), 'PS1="plain-sh\\$ " exec /bin/sh -i\n');
    session = startConch({ home, env: { CONCH_SHELL_START_TIMEOUT_MS: '500' } });
    const s = session;
    await s.waitFor(/has not finished starting/);
    s.type('echo relay-$((40 + 2))');
    s.keys('Enter');
    await s.waitFor(/^relay-42$/m);
  });

  it('conch -il in a terminal is conch itself, as a login shell', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bash_profile'), 'FROM_PROFILE=yes\n');
    const s = await conch({ home, args: ['-il'] });
    s.type('echo "profile-$FROM_PROFILE"');
    s.keys('Enter');
    await s.waitFor(/^profile-yes$/m);
    s.type(':help');
    s.keys('Enter');
    await s.waitFor(/:retry/);
  });

  it('says in one line that the shell ended while starting, with its status and the rc file it read', async () => {
    for (const [rc, status] of [['exit 3', 3], ['set -e; false', 1]] as const) {
      const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
      writeFileSync(join(home, '.bashrc'), `${rc}\n`);
      session = startConch({ home, reportExit: true });
      const screen = await session.waitFor(/\[conch exited with \d+\]/);
      expect(screen).toMatch(new RegExp(`^conch: bash exited while starting, with status ${status}; it read ~/\\.bashrc\\n\\[conch exited with ${status}\\]$`, 'm'));
      session.close();
      session = undefined;
    }
  });

  it('takes over with its own prompt and editor once a slow rc file finishes, keys typed meanwhile included', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bashrc'), 'sleep 2\nalias ll="echo from-slow-rc"\n');
    session = startConch({ home, env: { CONCH_SHELL_START_TIMEOUT_MS: '300' } });
    const s = session;
    await s.waitFor(/has not finished starting/);
    s.type('echo typed-while-slow');
    s.keys('Enter');
    await s.waitFor(/^typed-while-slow$/m);
    await s.waitFor(PROMPT);
    s.type('ll');
    s.keys('Enter');
    await s.waitFor(/^from-slow-rc$/m);
    // conch's own editor: a meta command is conch's, not a command for bash.
    s.type(':help');
    s.keys('Enter');
    await s.waitFor(/:retry/);
  });

  it('relays an rc file that asks a question, then takes over', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bashrc'), 'read -p "rc asks: " ans\necho "rc got $ans"\n');
    session = startConch({ home, env: { CONCH_SHELL_START_TIMEOUT_MS: '300' } });
    const s = session;
    await s.waitFor(/has not finished starting/);
    await s.waitFor(/rc asks: /);
    s.type('yes');
    s.keys('Enter');
    await s.waitFor(/^rc got yes$/m);
    await s.waitFor(PROMPT);
    s.type('echo after-$((40 + 2))');
    s.keys('Enter');
    await s.waitFor(/^after-42$/m);
  });

  it('a question typed ahead is still a question', async () => {
    const server = await startFakeModelServer();
    try {
      server.script({ chunks: [sse(chunk({ content: 'answered-by-model' }), chunk({}, { finish_reason: 'stop' }), '[DONE]')] });
      const s = await conch({ env: { CONCH_BASE_URL: server.baseUrl, CONCH_MODEL: 'fake-model' } });
      s.type('sleep 0.5');
      s.keys('Enter');
      s.type('? what is this');
      s.keys('Enter');
      await s.waitFor(/answered-by-model/);
      expect(s.screen()).not.toMatch(/command not found/);
    } finally {
      await server.close();
    }
  });

  it('keeps the working directory across lines, cd - included, and shows it in the prompt', async () => {
    const s = await conch();
    mkdirSync(join(s.home, 'proj/sub'), { recursive: true });
    s.type('cd proj/sub && echo entered');
    s.keys('Enter');
    await s.waitFor(/^entered$/m);
    await s.waitFor(/~\/proj\/sub \$ ?$/m);
    s.type('pwd');
    s.keys('Enter');
    await s.waitFor(new RegExp(`^${s.home}/proj/sub$`, 'm'));
    s.type('cd /tmp');
    s.keys('Enter');
    await s.waitFor(/\/tmp \$ ?$/m);
    s.type('cd -');
    s.keys('Enter');
    await s.waitFor(/~\/proj\/sub \$ ?$/m);
  });

  it('shows a non-zero status in the prompt and clears it after a success', async () => {
    const s = await conch();
    s.type('false');
    s.keys('Enter');
    await s.waitFor(/\[1\] \$ ?$/m);
    s.type('true');
    s.keys('Enter');
    await s.waitFor(/(^|\s)~ \$ ?$/m);
  });

  it('runs vim full-screen: type text, :wq saves it, and the prompt comes back', async () => {
    const s = await conch();
    s.type('vim -u NONE -N notes.md');
    s.keys('Enter');
    await s.waitFor(/notes\.md/);
    await waitUntil(() => s.display('#{alternate_on}') === '1');
    s.keys('i');
    s.type('hello from vim');
    s.keys('Escape');
    s.type(':wq');
    s.keys('Enter');
    await waitUntil(() => s.display('#{alternate_on}') === '0');
    await s.waitFor(PROMPT);
    expect(readFileSync(join(s.home, 'notes.md'), 'utf8')).toBe('hello from vim\n');
  });

  it('quits less with q', async () => {
    const s = await conch();
    s.type('seq 1 1000 | less');
    s.keys('Enter');
    await waitUntil(() => s.display('#{alternate_on}') === '1');
    await s.waitFor(/^1$/m);
    s.keys('q');
    await waitUntil(() => s.display('#{alternate_on}') === '0');
    s.type('echo after-less');
    s.keys('Enter');
    await s.waitFor(/^after-less$/m);
  });

  it('interrupts sleep with Ctrl-C and keeps running', async () => {
    const s = await conch();
    s.type('echo started; sleep 1007; echo NOT-REACHED');
    s.keys('Enter');
    await s.waitFor(/^started$/m);
    await waitUntil(() => inForeground(['sleep', '1007']));
    s.keys('C-c');
    await s.waitFor(/\[130\] \$ ?$/m);
    s.type('echo still-alive');
    s.keys('Enter');
    await s.waitFor(/^still-alive$/m);
    expect(s.screen()).not.toMatch(/^NOT-REACHED$/m);
  });

  it('Ctrl-C at a continuation with an INT trap: bash keeps reading the construct, conch shows > again, and it can be finished', async () => {
    const s = await conch();
    await ctrlCAtContinuationWithIntTrap(s);
  });

  it('a first line too long for the terminal that opens a construct waits for the rest, then runs whole', async () => {
    const s = await conch();
    s.type(`if [ -n ${'d'.repeat(5000)} ]; then`);
    s.keys('Enter');
    await s.waitFor(/^> ?$/m);
    s.type('echo body-ran');
    s.keys('Enter');
    s.type('fi');
    s.keys('Enter');
    await s.waitFor(/^body-ran$/m);
    s.type('echo after-long');
    s.keys('Enter');
    await s.waitFor(/^after-long$/m);
    expect(s.screen()).not.toMatch(/end of file|syntax error/);
  });

  it('source ~/.bashrc that turns on vi mode: conch’s prompt comes back, lines echo once, conch’s own commands stay its own', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bashrc'), "set -o vi\nalias ll='echo from-rc'\n");
    const s = await conch({ home });
    s.type('source ~/.bashrc');
    s.keys('Enter');
    await s.waitFor(/source ~\/\.bashrc\n.*\$ ?$/);
    s.type('echo once-$((1 + 1))');
    s.keys('Enter');
    await s.waitFor(/^once-2$/m);
    s.type('set -o emacs');
    s.keys('Enter');
    s.type('ll');
    s.keys('Enter');
    await s.waitFor(/^from-rc$/m);
    expect(s.screen().match(/echo once-\$\(\(1 \+ 1\)\)/g)).toHaveLength(1);
    s.type(':help');
    s.keys('Enter');
    await s.waitFor(/:retry/);
  });

  it('stops vim with Ctrl-Z, lists it in jobs, and fg resumes it', async () => {
    const s = await conch();
    s.type('vim -u NONE -N notes.md');
    s.keys('Enter');
    await waitUntil(() => s.display('#{alternate_on}') === '1');
    s.keys('i');
    s.type('before stop');
    s.keys('Escape');
    s.keys('C-z');
    await s.waitFor(/\[1\]\+\s+Stopped\s+vim -u NONE -N notes\.md/);
    await s.waitFor(PROMPT);
    s.type('jobs');
    s.keys('Enter');
    await s.waitFor(/\[1\]\+\s+Stopped\s+vim -u NONE -N notes\.md\n.*\$ ?$/m);
    s.type('fg');
    s.keys('Enter');
    await waitUntil(() => s.display('#{alternate_on}') === '1');
    await s.waitFor(/before stop/);
    s.type(':wq');
    s.keys('Enter');
    await waitUntil(() => s.display('#{alternate_on}') === '0');
    await s.waitFor(PROMPT);
    expect(readFileSync(join(s.home, 'notes.md'), 'utf8')).toBe('before stop\n');
  });

  it("Up reaches what the user typed in bash before conch, from ~/.bash_history, read only", async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bash_history'), 'echo from-bash-history\n');
    const s = await conch({ home });
    s.keys('Up');
    await s.waitFor(/\$ echo from-bash-history$/m);
    s.keys('Enter');
    await s.waitFor(/^from-bash-history$/m);
  });

  it('finds an earlier command with Ctrl-R and runs it', async () => {
    const s = await conch();
    s.type('echo needle-$((40+2))');
    s.keys('Enter');
    await s.waitFor(/^needle-42$/m);
    s.type('echo other');
    s.keys('Enter');
    await s.waitFor(/^other$/m);
    s.keys('C-r');
    s.type('needle');
    await s.waitFor(/reverse-i-search.*needle.*echo needle-\$\(\(40\+2\)\)/);
    s.keys('Enter');
    await waitUntil(() => (s.screen().match(/^needle-42$/gm) ?? []).length === 2);
  });

  it('persists history privately and skips lines starting with a space', async () => {
    const s = await conch();
    s.type('echo recorded');
    s.keys('Enter');
    await s.waitFor(/^recorded$/m);
    s.type(' echo secret-line');
    s.keys('Enter');
    await s.waitFor(/^secret-line$/m);
    const file = join(s.home, '.local/state/conch/history');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('echo recorded');
    expect(text).not.toContain('secret-line');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves with the status given to exit, and with the shell when it ends otherwise', async () => {
    const s = await conch({ reportExit: true });
    s.type('exit 3');
    s.keys('Enter');
    await s.waitFor(/^\[conch exited with 3\]$/m);
    s.close();
    const t = (session = startConch({ reportExit: true }));
    await t.waitFor(PROMPT);
    t.type('kill -KILL $$');
    t.keys('Enter');
    await t.waitFor(/conch: the shell was killed by SIGKILL\n\[conch exited with 137\]/);
  });

  it('Ctrl-D on an empty line goes to the shell: it exits, running its EXIT trap', async () => {
    const s = await conch({ reportExit: true });
    s.type("trap 'echo bye-from-trap' EXIT");
    s.keys('Enter');
    await s.waitFor(PROMPT);
    s.keys('C-d');
    await s.waitFor(/bye-from-trap[\s\S]*\[conch exited with 0\]/);
  });

  it('starts with one warning when the config file is invalid', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    mkdirSync(join(home, '.config/conch'), { recursive: true });
    writeFileSync(join(home, '.config/conch/config.toml'), 'this is = = not toml\n');
    const s = await conch({ home });
    expect(s.screen()).toMatch(/conch: .*config\.toml/);
    s.type('echo works');
    s.keys('Enter');
    await s.waitFor(/^works$/m);
  });

  it('bg continues a stopped job; the shell reports its end at the next prompt', async () => {
    const s = await conch();
    // The job waits for a file the test creates once it is in the background: no race with a fixed sleep under load.
    s.type("sh -c 'until [ -e go ]; do sleep 0.05; done; echo bg-finished > done.txt'");
    s.keys('Enter');
    // A ^Z before the job holds the terminal would reach the shell, which ignores it, as in any terminal.
    await waitUntil(() => inForeground(['sh', '-c', 'until [ -e go ]; do sleep 0.05; done; echo bg-finished > done.txt']));
    s.keys('C-z');
    await s.waitFor(/\[1\]\+\s+Stopped/);
    s.type('bg');
    s.keys('Enter');
    await s.waitFor(/\[1\]\+ sh -c 'until .*' &/);
    writeFileSync(join(s.home, 'go'), '');
    await waitUntil(() => existsSync(join(s.home, 'done.txt')));
    s.keys('Enter');
    await s.waitFor(/\[1\]\+\s+Done\s+sh -c 'until/);
  });
});
