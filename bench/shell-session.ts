import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import { startShellSession, type ShellKind, type ShellSession } from '../src/shell/index.ts';
import { nullTerminal } from './lib/null-terminal.ts';
import { fmt, machine, median } from './lib/stats.ts';

const CONCH = resolve('bin/conch.js');
const SHELLS: { kind: ShellKind; path: string }[] = [
  { kind: 'bash', path: '/bin/bash' },
  { kind: 'zsh', path: '/usr/bin/zsh' },
  { kind: 'fish', path: '/usr/bin/fish' },
  { kind: 'sh', path: '/bin/sh' },
];

/** A home with a small, typical rc file (aliases, a function, exports, PROMPT_COMMAND), the same for every side. */
function benchHome(): string {
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'conch-bench-')));
  writeFileSync(join(home, '.bashrc'), "alias ll='ls -l'\nexport EDITOR=vi HISTCONTROL=ignoredups\ngreet() { echo hi; }\nPROMPT_COMMAND='history -a'\n");
  return home;
}

function env(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...extra };
}

/** The shell alone in a PTY, its editor off, a one-mark prompt: what typing a line costs without conch. */
function bareShell(kind: ShellKind, path: string, home: string) {
  const MARK = '\x1b]999;P\x07';
  const args: Record<ShellKind, string[]> = {
    bash: ['--noediting', '-i'],
    zsh: ['-f', '+Z', '-i'],
    fish: ['--no-config', '-i', '-C', `function fish_prompt; printf '\\e]999;P\\a'; end; set fish_greeting`],
    sh: ['-i'],
  };
  const child = pty.spawn(path, args[kind], { cols: 120, rows: 40, cwd: home, env: env(home), encoding: null });
  // Set at the prompt: Debian's /etc/bash.bashrc would replace one from the environment.
  if (kind !== 'fish') child.write(`PS1="$(printf '\\033]999;P\\007')"\n`);
  let seen = '';
  let waiter: (() => void) | undefined;
  child.onData((data) => {
    seen += Buffer.from(data as unknown as Buffer).toString('latin1');
    if (waiter && seen.includes(MARK)) {
      seen = '';
      const wake = waiter;
      waiter = undefined;
      wake();
    }
  });
  const prompt = () =>
    new Promise<void>((done) => {
      if (seen.includes(MARK)) {
        seen = '';
        done();
      } else waiter = done;
    });
  return {
    prompt,
    async line(text: string) {
      child.write(`${text}${kind === 'fish' ? '\r' : '\n'}`);
      await prompt();
    },
    close: () => child.kill('SIGKILL'),
  };
}

/** How a conch session starts: this checkout's, or another commit's (bench/line-overhead-vs.ts). */
export type StartSession = typeof startShellSession;

async function session(kind: ShellKind, path: string, home: string, start: StartSession = startShellSession): Promise<ShellSession> {
  const shell = start({ program: { kind, path }, cwd: home, env: env(home), terminal: nullTerminal() });
  const started = await shell.started;
  if (started.kind !== 'ready') throw new Error(`${kind}: ${started.kind}`);
  return shell;
}

export interface OverheadRow {
  kind: ShellKind;
  bareMs: number;
  conchMs: number;
  /** A line that may set a variable, after which the shell lists its variable names (for secrets). */
  conchAssignMs: number;
}

export interface OverheadOptions {
  kinds?: readonly ShellKind[];
  /** Whose session to time; this checkout's by default. */
  start?: StartSession;
}

/** `true` typed at the prompt, the shell alone and through conch's session, interleaved. */
export async function benchLineOverhead(runs = 300, options: OverheadOptions = {}): Promise<OverheadRow[]> {
  const rows: OverheadRow[] = [];
  const terminal = nullTerminal();
  const kinds = options.kinds ?? SHELLS.map((s) => s.kind);
  for (const { kind, path } of SHELLS.filter((s) => kinds.includes(s.kind))) {
    const home = benchHome();
    const bare = bareShell(kind, path, home);
    await bare.prompt();
    const conch = await session(kind, path, home, options.start);
    const run = (line: string) => conch.submit(line, terminal, { readMore: () => Promise.resolve(undefined) });
    const bareTimes: number[] = [];
    const conchTimes: number[] = [];
    const assignTimes: number[] = [];
    const assign = kind === 'fish' ? 'set x 1' : 'x=1';
    for (let i = 0; i < 20; i++) {
      await bare.line('true');
      await run('true');
    }
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      await bare.line('true');
      bareTimes.push(performance.now() - start);
      start = performance.now();
      await run('true');
      conchTimes.push(performance.now() - start);
      if (i % 3 === 0) {
        start = performance.now();
        await run(assign);
        assignTimes.push(performance.now() - start);
      }
    }
    bare.close();
    conch.close();
    rmSync(home, { recursive: true, force: true });
    rows.push({ kind, bareMs: median(bareTimes), conchMs: median(conchTimes), conchAssignMs: median(assignTimes) });
  }
  return rows;
}

export function reportLineOverhead(rows: OverheadRow[], runs = 300): string {
  return [
    `per-line cost of \`true\` at the prompt, median of ${runs} interleaved runs (the shell alone in a PTY vs through conch's session):`,
    '  shell  alone      conch      overhead   conch, after a line that may set a variable (names listed)',
    ...rows.map((r) => `  ${r.kind.padEnd(6)} ${fmt(r.bareMs).padStart(9)}  ${fmt(r.conchMs).padStart(9)}  +${fmt(r.conchMs - r.bareMs).padStart(8)}   ${fmt(r.conchAssignMs)}`),
    '  (goal: overhead <= 1 ms median)',
  ].join('\n');
}

export interface StartupResult {
  runs: number;
  nodeMs: number;
  bashMs: number;
  conchMs: number;
  idleConchRssMiB: number;
  idleShellRssMiB: number;
}

/** Time from spawn to the first prompt on screen: conch, against `node -e 0` plus `bash -i` with the same rc. */
export async function benchStartToPrompt(runs = 20): Promise<StartupResult> {
  const home = benchHome();
  writeFileSync(join(home, 'bash-side.rc'), ". ~/.bashrc\nPS1='READY-PROMPT '\n");
  const node: number[] = [];
  const bash: number[] = [];
  const conch: number[] = [];
  let conchRss = 0;
  let shellRss = 0;
  const firstOutput = (file: string, args: string[], pattern: RegExp, extra: Record<string, string> = {}, measure?: (pid: number) => void) =>
    new Promise<number>((done) => {
      const start = performance.now();
      const child = pty.spawn(file, args, { cols: 120, rows: 40, cwd: home, env: env(home, extra), encoding: 'utf8' });
      let seen = '';
      child.onData((data) => {
        seen += data;
        if (!pattern.test(seen)) return;
        const elapsed = performance.now() - start;
        seen = '';
        pattern = /$^/;
        measure?.(child.pid);
        child.kill('SIGKILL');
        done(elapsed);
      });
    });
  for (let i = 0; i < runs + 3; i++) {
    const start = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    const nodeMs = performance.now() - start;
    // The same rc file, then a prompt to wait for (Debian's /etc/bash.bashrc sets PS1 first).
    const bashMs = await firstOutput('/bin/bash', ['--rcfile', join(home, 'bash-side.rc'), '-i'], /READY-PROMPT/);
    // conch's prompt, then the editor puts the cursor after it.
    const conchMs = await firstOutput(process.execPath, [CONCH], /\$ (\r\x1b\[\d+C)?$/, { SHELL: '/bin/bash', NO_COLOR: '1' }, (pid) => {
      if (i !== runs + 2) return;
      conchRss = rssMiB(pid);
      shellRss = childrenOf(pid).reduce((sum, child) => sum + rssMiB(child), 0);
    });
    if (i < 3) continue;
    node.push(nodeMs);
    bash.push(bashMs);
    conch.push(conchMs);
  }
  rmSync(home, { recursive: true, force: true });
  return { runs, nodeMs: median(node), bashMs: median(bash), conchMs: median(conch), idleConchRssMiB: conchRss, idleShellRssMiB: shellRss };
}

export function reportStartToPrompt(r: StartupResult): string {
  const budget = r.nodeMs + r.bashMs + 30;
  return [
    `start to first prompt, median of ${r.runs} interleaved runs (same rc file):`,
    `  node -e 0                     ${fmt(r.nodeMs)}`,
    `  bash -i (to its prompt)       ${fmt(r.bashMs)}`,
    `  conch (to its prompt)         ${fmt(r.conchMs)}  (goal <= node + bash + 30 ms = ${fmt(budget)}: ${r.conchMs <= budget ? 'met' : 'NOT met'})`,
    `idle RSS at the prompt: conch ${r.idleConchRssMiB.toFixed(1)} MiB, its bash ${r.idleShellRssMiB.toFixed(1)} MiB`,
  ].join('\n');
}

const COMMAND = 'head -c 200000000 /dev/zero | base64';

export interface ThroughputResult {
  runs: number;
  conchMBps: number;
  scriptMBps: number;
  ratio: number;
}

/** The same output through conch's session (to a /dev/null terminal) and through `script -qfc`, interleaved. */
export async function benchSessionThroughput(runs = 3): Promise<ThroughputResult> {
  const bytes = 200_000_000 * (4 / 3) * (77 / 76);
  const home = benchHome();
  const shell = await session('bash', '/bin/bash', home);
  const terminal = nullTerminal();
  const conch: number[] = [];
  const script: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      await shell.submit(COMMAND, terminal, { readMore: () => Promise.resolve(undefined) });
      conch.push((performance.now() - start) / 1000);
      start = performance.now();
      spawnSync('script', ['-qfc', COMMAND, '/dev/null'], { stdio: ['ignore', 'ignore', 'ignore'] });
      script.push((performance.now() - start) / 1000);
    }
  } finally {
    shell.close();
    rmSync(home, { recursive: true, force: true });
  }
  const rate = (seconds: number[]) => bytes / median(seconds) / 1e6;
  return { runs, conchMBps: rate(conch), scriptMBps: rate(script), ratio: rate(conch) / rate(script) };
}

export function reportSessionThroughput(r: ThroughputResult): string {
  return [
    `PTY throughput of \`${COMMAND}\` (~270 MB), median of ${r.runs} interleaved runs:`,
    `  script -qfc (PTY)               ${r.scriptMBps.toFixed(1)} MB/s`,
    `  conch shell session (PTY)       ${r.conchMBps.toFixed(1)} MB/s  (${r.ratio.toFixed(2)}x script; goal >= 0.9x)`,
  ].join('\n');
}

function rssMiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportLineOverhead(await benchLineOverhead()));
  console.log(reportStartToPrompt(await benchStartToPrompt()));
  console.log(reportSessionThroughput(await benchSessionThroughput()));
}
