import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createExecutor } from '../src/executor/index.ts';
import { fmt, machine, median } from './lib/stats.ts';
import { nullTerminal } from './lib/null-terminal.ts';

export interface OverheadResult {
  runs: number;
  shMs: number;
  conchMs: number;
  overheadMs: number;
}

/**
 * Per-line cost in the interactive loop: executor.run('true') (PTY spawn to
 * exit, state saved) against `sh -c true` through child_process, interleaved.
 * Goal: under 10 ms over sh.
 */
export async function benchOverhead(runs = 200): Promise<OverheadResult> {
  const executor = createExecutor({ shell: '/bin/sh', cwd: process.cwd(), env: { ...process.env } as Record<string, string> });
  const terminal = nullTerminal();
  const sh: number[] = [];
  const conch: number[] = [];
  const shTrue = () =>
    new Promise<void>((resolve) => {
      spawn('/bin/sh', ['-c', 'true'], { stdio: 'ignore' }).on('exit', () => resolve());
    });
  try {
    for (let i = 0; i < 20; i++) {
      await shTrue();
      await executor.run('true', terminal);
    }
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      await shTrue();
      sh.push(performance.now() - start);
      start = performance.now();
      await executor.run('true', terminal);
      conch.push(performance.now() - start);
    }
  } finally {
    executor.hangup();
  }
  const shMs = median(sh);
  const conchMs = median(conch);
  return { runs, shMs, conchMs, overheadMs: conchMs - shMs };
}

export function reportOverhead(r: OverheadResult): string {
  return [
    `per-line overhead, median of ${r.runs} interleaved runs:`,
    `  sh -c true (child_process)        ${fmt(r.shMs)}`,
    `  executor.run('true') (PTY)        ${fmt(r.conchMs)}  (+${fmt(r.overheadMs)} over sh; goal < 10 ms)`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportOverhead(await benchOverhead()));
}
