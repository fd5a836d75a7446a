import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, machine, median } from './lib/stats.ts';

const CONCH = resolve('bin/conch.js');

export interface StartupResult {
  runs: number;
  nodeMs: number;
  conchMs: number;
  ratio: number;
}

/**
 * `conch -c true` against `node -e 0`, interleaved in one run so machine noise
 * hits both alike. Goal: conch at most 1.5x node's own start.
 */
export function benchStartup(runs = 40): StartupResult {
  const node: number[] = [];
  const conch: number[] = [];
  const time = (args: string[]) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < 5; i++) {
    time(['-e', '0']);
    time([CONCH, '-c', 'true']);
  }
  for (let i = 0; i < runs; i++) {
    node.push(time(['-e', '0']));
    conch.push(time([CONCH, '-c', 'true']));
  }
  const nodeMs = median(node);
  const conchMs = median(conch);
  return { runs, nodeMs, conchMs, ratio: conchMs / nodeMs };
}

export function reportStartup(r: StartupResult): string {
  return [
    `start-up, median of ${r.runs} interleaved runs:`,
    `  node -e 0            ${fmt(r.nodeMs)}`,
    `  conch -c true        ${fmt(r.conchMs)}  (${r.ratio.toFixed(2)}x node; goal <= 1.5x)`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportStartup(benchStartup()));
}
