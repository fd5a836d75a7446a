import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createExecutor } from '../src/executor/index.ts';
import { machine, median } from './lib/stats.ts';
import { nullTerminal } from './lib/null-terminal.ts';

const COMMAND = 'head -c 200000000 /dev/zero | base64';
/** base64 of 200 MB is 270,270,271 bytes; through a PTY every LF gains a CR. */
const MB = 1e6;

export interface ThroughputResult {
  runs: number;
  conchMBps: number;
  scriptMBps: number;
  shMBps: number;
  ratioToScript: number;
}

/**
 * The same output three ways in one run: through the executor (to a
 * /dev/null terminal), through `script -qfc` (util-linux, also a PTY), and
 * plain `sh -c` into /dev/null (no PTY). Goal: at least 0.8x script.
 */
export async function benchThroughput(runs = 3): Promise<ThroughputResult> {
  const bytes = 200_000_000 * (4 / 3) * (77 / 76);
  const executor = createExecutor({ shell: '/bin/sh', cwd: process.cwd(), env: { ...process.env } as Record<string, string>, interactive: true });
  const terminal = nullTerminal();
  const conch: number[] = [];
  const script: number[] = [];
  const sh: number[] = [];
  const time = (run: () => void) => {
    const start = performance.now();
    run();
    return (performance.now() - start) / 1000;
  };
  try {
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await executor.run(COMMAND, terminal);
      conch.push((performance.now() - start) / 1000);
      script.push(time(() => spawnSync('script', ['-qfc', COMMAND, '/dev/null'], { stdio: ['ignore', 'ignore', 'ignore'] })));
      sh.push(time(() => spawnSync('/bin/sh', ['-c', `${COMMAND} > /dev/null`], { stdio: 'ignore' })));
    }
  } finally {
    executor.hangup();
  }
  const rate = (seconds: number[]) => bytes / median(seconds) / MB;
  const result = { runs, conchMBps: rate(conch), scriptMBps: rate(script), shMBps: rate(sh), ratioToScript: 0 };
  result.ratioToScript = result.conchMBps / result.scriptMBps;
  return result;
}

export function reportThroughput(r: ThroughputResult): string {
  return [
    `throughput of \`${COMMAND}\` (~270 MB), median of ${r.runs} interleaved runs:`,
    `  sh -c '... > /dev/null' (no PTY)  ${r.shMBps.toFixed(0)} MB/s`,
    `  script -qfc (PTY)                 ${r.scriptMBps.toFixed(1)} MB/s`,
    `  conch executor (PTY)              ${r.conchMBps.toFixed(1)} MB/s  (${r.ratioToScript.toFixed(2)}x script; goal >= 0.8x)`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportThroughput(await benchThroughput(Number(process.argv[2] ?? 3))));
}
