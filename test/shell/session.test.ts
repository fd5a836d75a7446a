import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShellKind } from '../../src/shell/index.ts';
import { closeSessions, installed, outputs, SHELLS, startShell } from '../helpers/shell-session.ts';
import { waitUntil } from '../helpers/wait.ts';
import { inForeground } from '../helpers/foreground.ts';
import { foregroundGroup } from '../../src/shell/process-groups.ts';

afterEach(closeSessions);


interface Syntax {
  setVar: string;
  useVar: string;
  defineFunction: string;
  callFunction: string;
  defineAlias: string;
  lastStatus: string;
  ifFalse: [string, string, string];
  loop: [string, string, string];
  syntaxError: string;
  syntaxStatus: number;
  setSecret: string;
  unsetSecret: string;
}

const POSIX: Syntax = {
  setVar: 'x=41',
  useVar: 'echo $((x + 1))',
  defineFunction: 'greet() { echo "hi $1"; }',
  callFunction: 'greet you',
  defineAlias: "alias ll='echo LL'",
  lastStatus: 'echo "status=$?"',
  ifFalse: ['if false; then', 'echo SHOULD-NOT-RUN', 'fi'],
  loop: ['for i in 1 2', 'do echo n$i', 'done'],
  syntaxError: 'echo )',
  syntaxStatus: 2,
  setSecret: 'DB_PASSWORD=hunter2-xyz',
  unsetSecret: 'unset DB_PASSWORD',
};

const SYNTAX: Record<ShellKind, Syntax> = {
  bash: POSIX,
  sh: POSIX,
  zsh: { ...POSIX, syntaxStatus: 1 },
  fish: {
    setVar: 'set x 41',
    useVar: 'math $x + 1',
    defineFunction: 'function greet; echo "hi $argv[1]"; end',
    callFunction: 'greet you',
    defineAlias: "alias ll 'echo LL'",
    lastStatus: 'echo "status=$status"',
    ifFalse: ['if false', 'echo SHOULD-NOT-RUN', 'end'],
    loop: ['for i in 1 2', 'echo n$i', 'end'],
    syntaxError: 'echo )',
    syntaxStatus: 123,
    setSecret: 'set DB_PASSWORD hunter2-xyz',
    unsetSecret: 'set -e DB_PASSWORD',
  },
};

describe.each(SHELLS)('shell session: $kind', ({ kind, path }) => {
  const syntax = SYNTAX[kind];

  it.skipIf(!installed(path))('keeps all state in the shell: variables, functions, aliases, cwd and $?', async () => {
    const { submit, session, home } = await startShell(kind, path);
    mkdirSync(join(home, 'sub dir'));
    await submit(syntax.setVar);
    expect(outputs(await submit(syntax.useVar))).toEqual(['42']);
    await submit(syntax.defineFunction);
    expect(outputs(await submit(syntax.callFunction))).toEqual(['hi you']);
    await submit(syntax.defineAlias);
    expect(outputs(await submit('ll'))).toEqual(['LL']);
    const failed = await submit('false');
    expect(failed).toMatchObject({ kind: 'finished', status: 1, records: [{ line: 'false', status: 1 }] });
    expect(outputs(await submit(syntax.lastStatus))).toEqual(['status=1']);
    await submit("cd 'sub dir'");
    expect(session.cwd).toBe(join(home, 'sub dir'));
    expect(outputs(await submit('pwd'))).toEqual([join(home, 'sub dir')]);
  });

  it.skipIf(!installed(path))('runs nothing of a construct until the shell says it is complete', async () => {
    const { submit, session } = await startShell(kind, path);
    const [open, body, close] = syntax.ifFalse;
    const nothing = await submit(open, [body, close]);
    expect(nothing).toMatchObject({ kind: 'finished', status: 0 });
    expect(outputs(nothing).join('')).not.toContain('SHOULD-NOT-RUN');
    const [head, ...rest] = syntax.loop;
    const loop = await submit(head, rest);
    expect(loop.records).toEqual([expect.objectContaining({ line: syntax.loop.join('\n'), output: 'n1\nn2', status: 0 })]);
    // A whole construct in one text (a paste) is fed line by line as the shell asks.
    expect(outputs(await submit(syntax.loop.join('\n')))).toEqual(['n1\nn2']);
    expect(session.records.at(-1)?.line).toBe(syntax.loop.join('\n'));
  });

  it.skipIf(!installed(path))('Ctrl-C at a continuation drops the construct in the shell too', async () => {
    const { submit } = await startShell(kind, path);
    const [open, body] = syntax.ifFalse;
    const cancelled = await submit(open.replace('false', 'true'), [body.replace('SHOULD-NOT-RUN', 'RAN')]);
    expect(cancelled).toMatchObject({ kind: 'cancelled', status: 130, records: [] });
    const after = await submit('echo next');
    expect(outputs(after)).toEqual(['next']);
  });

  it.skipIf(!installed(path))('shows a syntax error and records it, without running anything', async () => {
    const { submit, terminal } = await startShell(kind, path);
    terminal.clear();
    const outcome = await submit(syntax.syntaxError);
    expect(outcome).toMatchObject({ kind: 'finished', status: syntax.syntaxStatus });
    expect(outcome.records[0]?.output).toMatch(/\)/);
    expect(terminal.text()).toMatch(/\)/);
    // The echo of the typed line is dropped: the line appears only inside the shell's own message, if at all.
    expect(terminal.text().startsWith(syntax.syntaxError)).toBe(false);
  });

  // fish reads keys and has no literal insert for a control byte; the others read through the terminal's line discipline.
  it.skipIf(!installed(path) || kind === 'fish')('drops exactly the echo of the typed line, control bytes quoted through the terminal', async () => {
    const { submit, terminal } = await startShell(kind, path);
    terminal.clear();
    // ^C, ^U and DEL would act on the line in the terminal's line discipline if not quoted.
    const outcome = await submit("printf '%s\\n' 'a\x03b\x15c\x7fd' | od -An -c | tr -s ' '");
    expect(outcome.records[0]?.output.trim()).toBe('a 003 b 025 c 177 d \\n');
    expect(terminal.text()).not.toContain('printf');
  });

  it.skipIf(!installed(path))('ends with the shell: exit status, and 128+N with the name for a signal', async () => {
    const first = await startShell(kind, path);
    expect(await first.submit('exit 3')).toMatchObject({ kind: 'exited', exit: { status: 3 } });
    expect(await first.session.exited).toEqual({ status: 3 });
    const second = await startShell(kind, path);
    const killed = await second.submit(kind === 'fish' ? 'kill -KILL $fish_pid' : 'kill -KILL $$');
    expect(killed).toMatchObject({ kind: 'exited', exit: { status: 137, signal: 'SIGKILL' } });
  });

  it.skipIf(!installed(path) || kind === 'sh')('hands keys typed during a command it did not read to the next prompt, and those it read to it', async () => {
    const { session, terminal, typeahead } = await startShell(kind, path);
    terminal.clear();
    const readsKeys = session.submit('echo ready; read x; echo "got:$x"', terminal, { readMore: () => Promise.resolve(undefined) });
    await terminal.waitFor(/ready/);
    terminal.type('hello\r');
    expect(outputs(await readsKeys).join('')).toContain('got:hello');
    terminal.clear();
    const sleeping = session.submit('echo running; sleep 0.5', terminal, { readMore: () => Promise.resolve(undefined) });
    // Typed while the command runs, as a person would: a whole line, then part of one.
    await terminal.waitFor(/running/);
    terminal.type('echo typed\rls par');
    await sleeping;
    expect(typeahead.join('')).toBe('echo typed\nls par');
  });

  it.skipIf(!installed(path) || kind === 'sh')('remembers every value a secret-named variable held, also after unset, in memory only', async () => {
    const { submit, session, home } = await startShell(kind, path, { env: { GITHUB_TOKEN: 'ghp_fromenv' } });
    await submit(syntax.setSecret);
    await submit(syntax.unsetSecret);
    await submit(syntax.setSecret.replace('hunter2-xyz', 'second-value'));
    const values = session.secretValues();
    expect(values).toEqual(
      expect.arrayContaining([
        { name: 'GITHUB_TOKEN', value: 'ghp_fromenv' },
        { name: 'DB_PASSWORD', value: 'hunter2-xyz' },
        { name: 'DB_PASSWORD', value: 'second-value' },
      ]),
    );
    expect(values.some(({ name }) => name === 'PWD' || name === 'OLDPWD' || name.startsWith('fish_'))).toBe(false);
    expect(readdirSync(home).filter((name) => !name.startsWith('.'))).toEqual([]);
  });

  it.skipIf(!installed(path))('lists its functions, aliases, builtins and variables for Tab, as the lines typed change them', async () => {
    const { submit, session } = await startShell(kind, path);
    await submit(syntax.defineFunction);
    await submit(syntax.defineAlias);
    await submit(syntax.setVar);
    const names = session.names;
    expect(names.functions).toContain('greet');
    expect(kind === 'fish' ? names.functions : names.aliases).toContain('ll');
    // sh lists no variables: Tab takes the environment's, and those assigned in the lines typed.
    expect(names.variables).toEqual(expect.arrayContaining(kind === 'sh' ? ['x'] : ['x', 'HOME']));
    expect(names.builtins).toEqual(expect.arrayContaining(['cd', kind === 'fish' ? 'contains' : 'alias']));
    const all = [...names.functions, ...names.aliases, ...names.builtins, ...names.variables];
    expect(all.filter((name) => name.startsWith('__conch_'))).toEqual([]);
    await submit(kind === 'fish' ? 'functions -e greet' : 'unset -f greet');
    expect(session.names.functions).not.toContain('greet');
  });

  it.skipIf(!installed(path))('run(): extra variables for that command only; its cd persists', async () => {
    const { session, home } = await startShell(kind, path);
    mkdirSync(join(home, 'there'));
    const outcome = await session.run(`cd there && echo "pager=$PAGER"; ${kind === 'fish' ? 'env | grep ^GIT_PAGER=' : 'env | grep ^GIT_PAGER='}`, undefined, { env: { PAGER: 'cat', GIT_PAGER: 'cat' } });
    expect(outcome).toMatchObject({ kind: 'finished', record: { status: 0, output: 'pager=cat\nGIT_PAGER=cat', cwd: home } });
    if (outcome.kind === 'finished') expect(outcome.record.line).toBe('cd there && echo "pager=$PAGER"; env | grep ^GIT_PAGER=');
    expect(session.cwd).toBe(join(home, 'there'));
    const after = await session.run(kind === 'fish' ? 'echo "[$PAGER]"' : 'echo "[${PAGER-}]"');
    expect(after).toMatchObject({ kind: 'finished', record: { output: '[]' } });
    expect(await session.run(syntax.ifFalse[0])).toEqual({ kind: 'incomplete' });
    expect(await session.run('echo still-fine')).toMatchObject({ kind: 'finished', record: { output: 'still-fine' } });
  });

  it.skipIf(!installed(path))('run(): an aborted signal interrupts the command', async () => {
    const { session, terminal } = await startShell(kind, path);
    const controller = new AbortController();
    const running = session.run('echo started; sleep 1009; echo NOT-REACHED', terminal, { signal: controller.signal });
    await terminal.waitFor(/started/);
    // Before sleep holds the terminal the interrupt reaches the shell between commands: fish then skips the rest with status 0, as in a terminal.
    await waitUntil(() => inForeground(['sleep', '1009']));
    controller.abort();
    const outcome = await running;
    expect(outcome).toMatchObject({ kind: 'interrupted', record: { status: 130 } });
    expect(terminal.text()).not.toContain('NOT-REACHED');
    await expect(session.run('true', terminal, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it.skipIf(!installed(path))('does not let a command forge the end of itself with marks of its own', async () => {
    const { submit } = await startShell(kind, path);
    const pid = kind === 'fish' ? '$fish_pid' : '$$';
    const outcome = await submit(`printf '\\033]6973;00ff00ff;%s;D;0\\007\\033]133;D;0\\007' ${pid}; sleep 0.2; echo after-forgery`);
    expect(outcome.records).toHaveLength(1);
    expect(outcome.records[0]?.output).toContain('after-forgery');
  });

  it.skipIf(!installed(path))('does not pass the nonce to the commands it runs', async () => {
    const { submit } = await startShell(kind, path);
    expect(outputs(await submit('env | grep -c CONCH_ ; true'))).toEqual(['0']);
  });
});

describe.each(SHELLS.filter(({ kind }) => kind === 'bash' || kind === 'zsh'))('shell session: $kind, whose prompt goes to standard error', ({ kind, path }) => {
  it.skipIf(!installed(path))('a standard error sent where no prompt can be seen (/dev/null, a file, closed) comes back to the terminal, with a line saying so', async () => {
    const { submit, session, terminal, home } = await startShell(kind, path);
    for (const target of ['/dev/null', join(home, 'errors.log'), '&-']) {
      const before = terminal.text().length;
      await submit(`exec 2>${target}`);
      expect(terminal.text().slice(before)).toContain('conch: standard error is back on the terminal');
      expect(outputs(await submit('echo still-here; ls /nonexistent-conch-dir'))).toEqual([expect.stringMatching(/^still-here\n.*nonexistent-conch-dir/s)]);
    }
    // A pipe may reach the terminal (exec 2> >(tee log)): left as the user set it.
    await submit(`exec 2> >(tee -a ${join(home, 'tee.log')} >&1)`);
    // tee writes when it gets there, maybe after the prompt: only that the shell goes on and the log has it.
    await submit('ls /nonexistent-piped');
    expect(outputs(await submit('echo after-pipe'))).toEqual([expect.stringContaining('after-pipe')]);
    await waitUntil(async () => existsSync(join(home, 'tee.log')) && readFileSync(join(home, 'tee.log'), 'utf8').includes('nonexistent-piped'));
    expect(session.cwd).toBe(home);
  });
});

describe('shell session: bash specifics', () => {
  it('reads the user ~/.bashrc: aliases and functions from it work', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bashrc'), "alias hello='echo hello-from-alias'\nrcfun() { echo rc-function; }\nset -u\nbind '\"\\e[Z\": complete' 2>/dev/null\n");
    const { submit } = await startShell('bash', '/bin/bash', { home });
    expect(outputs(await submit('hello'))).toEqual(['hello-from-alias']);
    expect(outputs(await submit('rcfun'))).toEqual(['rc-function']);
    // `set -u` in the rc must not break the hooks.
    expect(outputs(await submit('echo ok'))).toEqual(['ok']);
  });

  it('job control is the shell’s own: [1] PID, Ctrl-Z, jobs, fg, Done notices', async () => {
    const { submit, session, terminal, outside } = await startShell('bash', '/bin/bash');
    const background = await submit('sleep 0.3 &');
    expect(background.records[0]?.output).toMatch(/^\[1\] \d+$/);
    // As Enter on an empty line in a terminal: the shell reports the job once it has ended.
    await waitUntil(async () => (await submit(''), /\[1\]\+\s+Done\s+sleep 0\.3/.test(outside())));
    const job = "sh -c 'echo ready; exec sleep 30'";
    const stopped = session.submit(job, terminal, { readMore: () => Promise.resolve(undefined) });
    await terminal.waitFor(/ready/);
    terminal.type('\x1a');
    expect(await stopped).toMatchObject({ status: 148, records: [{ line: job, status: 148 }] });
    expect(outputs(await submit('jobs'))).toEqual([expect.stringMatching(/^\[1\]\+\s+Stopped\s+sh -c 'echo ready; exec sleep 30'$/)]);
    terminal.clear();
    const resumed = session.submit('fg', terminal, { readMore: () => Promise.resolve(undefined) });
    // bash names the job it resumes: the job has the terminal from then on.
    await terminal.waitFor(/^sh -c 'echo ready; exec sleep 30'\r\n$/);
    // bash names the job before it gives it the terminal: a ^C before that would reach bash, not the job.
    await waitUntil(() => foregroundGroup(session.pid) !== session.pid);
    terminal.type('\x03');
    expect(await resumed).toMatchObject({ status: 130 });
  });

  it('history, !! and fc work as in bash; the user history file is reported', async () => {
    const { submit, session, home } = await startShell('bash', '/bin/bash');
    expect(session.historyFile).toBe(join(home, '.bash_history'));
    await submit('echo first-one');
    const again = await submit('!!');
    // bash shows the expanded line, then runs it.
    expect(outputs(again)).toEqual(['echo first-one\nfirst-one']);
    expect(outputs(await submit('fc -ln -1')).map((line) => line.trim())).toEqual(['echo first-one']);
    expect(outputs(await submit('history | tail -n 3 | cut -c 8-'))).toEqual(['echo first-one\nfc -ln -1\nhistory | tail -n 3 | cut -c 8-']);
  });

  it('as a login shell, reads the login files instead of ~/.bashrc', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bash_profile'), 'FROM_PROFILE=yes\n');
    writeFileSync(join(home, '.bashrc'), 'FROM_BASHRC=yes\n');
    const { submit } = await startShell('bash', '/bin/bash', { home, login: true });
    expect(outputs(await submit('echo "${FROM_PROFILE-no}:${FROM_BASHRC-no}"'))).toEqual(['yes:no']);
  });

  it('hands a command longer than the terminal line buffer over whole, and leaves no file behind', async () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'conch-tmp-'));
    const { submit, session } = await startShell('bash', '/bin/bash', { env: { TMPDIR: sandbox } });
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = sandbox;
    try {
      const long = `echo ${'x'.repeat(6000)} | wc -c`;
      const outcome = await submit(long);
      expect(outputs(outcome)).toEqual(['6001']);
      expect(outcome.records[0]?.line).toBe(long);
      // The history holds the command itself, not how it was handed over.
      expect(outputs(await submit('history 2 | head -n 1 | wc -c')).map(Number)[0]).toBeGreaterThan(6000);
      expect(readdirSync(sandbox)).toEqual([]);
      session.close();
      expect(readdirSync(sandbox)).toEqual([]);
    } finally {
      process.env.TMPDIR = previous;
    }
  });

  it('falls back to a plain relay when the rc never returns, and the shell still works', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conch-home-'));
    writeFileSync(join(home, '.bashrc'), 'exec /bin/sh -i\n');
    const { session, terminal } = await startShell('bash', '/bin/bash', { home, startTimeoutMs: 300 });
    expect(await session.started).toEqual({ kind: 'passthrough' });
    void session.passthrough(terminal);
    terminal.type('echo relay-$((40 + 2))\r');
    await terminal.waitFor(/relay-42/);
    terminal.type('exit 4\r');
    expect(await session.exited).toEqual({ status: 4 });
  });

  it('says when bash is too old for the integration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conch-oldbash-'));
    const fake = join(dir, 'bash');
    writeFileSync(fake, "#!/bin/sh\nprintf '\\033]6973;%s;%s;U;3.2.57(1)-release\\007' \"$CONCH_NONCE\" \"$$\"\nexec sleep 10\n");
    chmodSync(fake, 0o755);
    const { session } = await startShell('bash', fake, { startTimeoutMs: 5000 });
    expect(await session.started).toEqual({ kind: 'unsupported', version: '3.2.57(1)-release' });
  });
});

describe('shell session: sh specifics', () => {
  it('keys typed for the next line of an open construct wait for conch, never reach the half-read line', async () => {
    const s = await startShell('sh', '/bin/sh');
    const more = ['do echo "n$i"', 'done'];
    const asked: number[] = [];
    // A fast typist: keys arrive the moment conch starts passing keys on to the shell.
    const listen = s.terminal.onInput.bind(s.terminal);
    let typed = false;
    const terminal = {
      ...s.terminal,
      onInput: (listener: (data: Buffer) => void) => {
        const off = listen(listener);
        if (!typed) {
          typed = true;
          s.terminal.type('echo typed-ahead\r');
        }
        return off;
      },
    };
    const outcome = await s.session.submit('for i in 1 2', terminal, {
      readMore: () => {
        asked.push(more.length);
        return Promise.resolve(more.shift());
      },
    });
    expect(asked).toEqual([2, 1]);
    expect(outcome).toMatchObject({ kind: 'finished', status: 0 });
    // The terminal echoes the typed-ahead keys while the loop runs: before or after its output, as timing has it.
    expect(outputs(outcome).join('\n')).toMatch(/(^|\n)n1\nn2/);
    expect(s.terminal.text()).not.toMatch(/Syntax error/);
  });
});

describe('shell session: fish specifics', () => {
  it.skipIf(!installed('/usr/bin/fish'))('a background job’s end is fish’s own notice, shown as output between commands', async () => {
    const { submit, outside } = await startShell('fish', '/usr/bin/fish');
    await submit('sleep 0.2 &');
    await waitUntil(async () => (await submit(''), /fish: Job 1, 'sleep 0\.2 &' has ended/.test(outside())));
    expect(outside()).not.toMatch(/Invalid count/);
  });

  it.skipIf(!installed('/usr/bin/fish'))('a job’s notice printed while conch holds fish’s editor hidden is shown, not dropped with its noise', async () => {
    const { session, submit, terminal, outside } = await startShell('fish', '/usr/bin/fish');
    await submit('sleep 0.2 &');
    const ended = /fish: Job 1, 'sleep 0\.2 &' has ended/;
    // fish holds an open construct, its editor hidden, when the job ends: it prints the notice there.
    const outcome = await session.submit('begin', terminal, {
      readMore: async () => {
        await waitUntil(() => ended.test(outside()));
        return 'end';
      },
    });
    expect(outcome).toMatchObject({ kind: 'finished', status: 0 });
    expect(outside()).toMatch(ended);
  });

  it.skipIf(!installed('/usr/bin/fish'))('keeps fish’s default keys for its hidden editor, whatever vi mode the user chose, without rewriting their choice', async () => {
    const home = realpathSync(mkdtempSync(join(tmpdir(), 'conch-shell-')));
    const config = join(home, '.config/fish');
    mkdirSync(config, { recursive: true });
    // vi mode chosen every way fish offers: a universal variable, and a function fish calls once its bindings load.
    const universal = '# This file contains fish universal variable definitions.\n# VERSION: 3.0\nSETUVAR fish_key_bindings:fish_vi_key_bindings\n';
    writeFileSync(join(config, 'fish_variables'), universal);
    writeFileSync(join(config, 'config.fish'), 'function fish_user_key_bindings\n    fish_vi_key_bindings\nend\n');
    const { session, submit, terminal, typeahead } = await startShell('fish', '/usr/bin/fish', { home });
    // Keys typed ahead reach fish's editor: in vi's normal mode `echo` would be commands, not text.
    const typeAhead = async () => {
      typeahead.splice(0);
      terminal.clear();
      const sleeping = session.submit('echo running; sleep 0.3', terminal, { readMore: () => Promise.resolve(undefined) });
      await terminal.waitFor(/running/);
      terminal.type('echo typed\rls par');
      await sleeping;
      return typeahead.join('');
    };
    expect(await typeAhead()).toBe('echo typed\nls par');
    expect(outputs(await submit('if true', ['echo inside', 'end']))).toEqual(['inside']);
    // Switched during the session, as a person might: the next prompt has conch's keys back.
    await submit('fish_vi_key_bindings');
    expect(await typeAhead()).toBe('echo typed\nls par');
    expect(outputs(await submit('echo $fish_key_bindings $fish_bind_mode'))).toEqual(['fish_default_key_bindings default']);
    session.close();
    await session.exited;
    expect(readFileSync(join(config, 'fish_variables'), 'utf8')).toMatch(/^SETUVAR fish_key_bindings:fish_vi_key_bindings$/m);
  });

  it.skipIf(!installed('/usr/bin/fish'))('runs the user’s fish_title for each command, whose title the terminal shows, and not for the prompt conch hides', async () => {
    const home = realpathSync(mkdtempSync(join(tmpdir(), 'conch-shell-')));
    const config = join(home, '.config/fish');
    mkdirSync(config, { recursive: true });
    const log = join(home, 'titles');
    writeFileSync(join(config, 'config.fish'), `function fish_title\n    echo "[$argv]" >> ${log}\n    echo "T:$argv"\nend\n`);
    const { submit, terminal } = await startShell('fish', '/usr/bin/fish', { home });
    for (const line of ['echo one', 'set x 1', 'true']) await submit(line);
    expect(terminal.text()).toContain('\x1b]0;T:echo one\x07');
    // fish also asks for a title at every repaint of its prompt, which conch keeps hidden.
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual(['[echo one]', '[set x 1]', '[true]']);
    // Called by a command, it is the user's own.
    expect(outputs(await submit('fish_title'))).toEqual(['T:']);
  });
});

describe('shell session: output', () => {
  it('delivers all of a large, fast-exiting output every time, and says which run lost what', async () => {
    const expected = Array.from({ length: 20000 }, (_, i) => `${i + 1}\r\n`).join('');
    const losses: string[] = [];
    const check = (run: string, text: string) => {
      if (text === expected) return;
      const lines = text.split('\r\n');
      const firstBad = lines.findIndex((line, i) => line !== String(i + 1));
      losses.push(`${run}: ${text.length} of ${expected.length} bytes; from line ${firstBad + 1} got ${JSON.stringify(lines.slice(firstBad, firstBad + 2))}`);
    };
    const { session, terminal } = await startShell('bash', '/bin/bash');
    for (let i = 0; i < 100; i++) {
      terminal.clear();
      await session.submit('seq 1 20000', terminal, { readMore: () => Promise.resolve(undefined) });
      check(`run ${i + 1}`, terminal.text());
    }
    // Four sessions at once, as four conch windows would be.
    const others = await Promise.all(Array.from({ length: 4 }, () => startShell('bash', '/bin/bash')));
    await Promise.all(
      others.map(async (other, n) => {
        for (let i = 0; i < 15; i++) {
          other.terminal.clear();
          await other.submit('seq 1 20000');
          check(`session ${n + 1} run ${i + 1}`, other.terminal.text());
        }
      }),
    );
    expect(losses).toEqual([]);
  }, 180_000);

  it('passes binary output through without printing anything of its own, and goes on', async () => {
    const { submit, terminal } = await startShell('bash', '/bin/bash');
    const file = join(mkdtempSync(join(tmpdir(), 'conch-bin-')), 'random');
    writeFileSync(file, Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) % 251)));
    terminal.clear();
    const outcome = await submit(`cat ${file}`);
    expect(outcome.records[0]?.status).toBe(0);
    const shown = terminal.output();
    // What reached the terminal is the file (LF as CR LF), nothing else: no parser dumps.
    expect(shown.length).toBeLessThan(110_000);
    expect(shown.toString('latin1')).not.toMatch(/xterm|Parsing error/);
    expect(outputs(await submit('echo after-binary'))).toEqual(['after-binary']);
  });

  it('records a full-screen program as such, and restores the modes it left on', async () => {
    const { submit, terminal } = await startShell('bash', '/bin/bash');
    terminal.clear();
    const outcome = await submit("printf '\\033[?1049h\\033[?25l\\033[?1000h'; printf 'drawn'");
    expect(outcome.records[0]).toMatchObject({ fullscreen: true, output: '' });
    expect(terminal.text()).toMatch(/\x1b\[\?25h/);
    expect(terminal.text()).toMatch(/\x1b\[\?1000l/);
    expect(existsSync('/nonexistent')).toBe(false);
    expect(readFileSync('/proc/self/stat', 'utf8')).toBeTruthy();
  });
});
