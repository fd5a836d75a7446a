/**
 * The per-line overhead (benchLineOverhead) of this checkout's shell session and of another commit's, in one
 * run: `npx tsx bench/line-overhead-vs.ts REV [SHELL...]` (ROUNDS=3, RUNS=300 by default). The two alternate
 * round by round, so both meet the machine's load alike. REV's src/ is unpacked with `git archive` into a
 * temp folder that links this checkout's node_modules: only the code differs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ShellKind } from '../src/shell/index.ts';
import { fmt, machine, median } from './lib/stats.ts';
import { benchLineOverhead, type OverheadRow, type StartSession } from './shell-session.ts';

const KINDS: readonly ShellKind[] = ['bash', 'zsh', 'fish', 'sh'];
const [rev = 'main', ...names] = process.argv.slice(2);
const kinds = names.length > 0 ? names.filter((name): name is ShellKind => (KINDS as readonly string[]).includes(name)) : KINDS;
const runs = Number(process.env.RUNS ?? 300);
const rounds = Number(process.env.ROUNDS ?? 3);

const dir = mkdtempSync(join(tmpdir(), 'conch-bench-rev-'));
try {
  const archive = join(dir, 'src.tar');
  // package.json too: it makes src/ ES modules.
  execFileSync('git', ['archive', '--output', archive, rev, 'src', 'package.json']);
  execFileSync('tar', ['-xf', archive, '-C', dir]);
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  const theirs = ((await import(pathToFileURL(join(dir, 'src/shell/index.ts')).href)) as { startShellSession: StartSession }).startShellSession;
  const label = (name: string) => `${name} (${execFileSync('git', ['rev-parse', '--short', name], { encoding: 'utf8' }).trim()})`;
  const sides = [
    { name: label(rev), start: theirs, rows: [] as OverheadRow[][] },
    { name: `${label('HEAD')}${execFileSync('git', ['status', '--porcelain', 'src'], { encoding: 'utf8' }) ? ' + uncommitted' : ''}`, start: undefined, rows: [] as OverheadRow[][] },
  ];
  for (let round = 0; round < rounds; round++) {
    for (const side of sides) side.rows.push(await benchLineOverhead(runs, { kinds, start: side.start }));
  }
  console.log(machine());
  console.log(`per-line overhead of \`true\` over the shell alone (benchLineOverhead, median of ${runs} interleaved runs), ${rounds} rounds alternating:`);
  for (const kind of kinds) {
    for (const side of sides) {
      const overheads = side.rows.map((rows) => rows.find((row) => row.kind === kind)!).map((row) => row.conchMs - row.bareMs);
      const assigns = side.rows.map((rows) => rows.find((row) => row.kind === kind)!.conchAssignMs);
      console.log(
        `  ${kind.padEnd(5)} ${side.name.padEnd(34)} overhead ${overheads.map((ms) => `+${fmt(ms)}`).join(', ')}; median +${fmt(median(overheads))}` +
          `  | after a may-set line: ${fmt(median(assigns))}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
