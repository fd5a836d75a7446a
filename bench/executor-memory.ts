import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createExecutor } from '../src/executor/index.ts';
import { nullTerminal } from './lib/null-terminal.ts';
import { machine } from './lib/stats.ts';

export interface ExecutorMemoryResult {
  outputMB: number;
  seconds: number;
  beforeRssMiB: number;
  peakRssMiB: number;
  afterRssMiB: number;
  capturedLines: number;
}

/**
 * RSS of this process while the executor relays `outputBytes` of text (lines
 * of 99 `a`s) to a /dev/null terminal: before, the peak (sampled every 50 ms,
 * and VmHWM), and after. Capture keeps only its bounded tail, so the peak must
 * not grow with the output.
 */
export async function benchExecutorMemory(outputBytes = 1_000_000_000): Promise<ExecutorMemoryResult> {
  const executor = createExecutor({ shell: '/bin/sh', cwd: process.cwd(), env: { ...process.env } as Record<string, string> });
  const terminal = nullTerminal();
  try {
    await executor.run('true', terminal);
    const beforeRssMiB = rssMiB();
    let peak = beforeRssMiB;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB())), 50);
    const start = performance.now();
    const outcome = await executor.run(`head -c ${outputBytes} /dev/zero | tr '\\0' a | fold -w 99`, terminal);
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const capturedLines = outcome.kind === 'exited' ? outcome.record.output.split('\n').length : 0;
    return { outputMB: outputBytes / 1e6, seconds, beforeRssMiB, peakRssMiB: Math.max(peak, hwmMiB()), afterRssMiB: rssMiB(), capturedLines };
  } finally {
    executor.hangup();
  }
}

export function reportExecutorMemory(r: ExecutorMemoryResult): string {
  return [
    `executor memory while relaying ${r.outputMB.toFixed(0)} MB of output (capture 2000 lines / 256 KiB):`,
    `  RSS before                       ${r.beforeRssMiB.toFixed(1)} MiB`,
    `  peak RSS during                  ${r.peakRssMiB.toFixed(1)} MiB  (${r.seconds.toFixed(1)} s, ${(r.outputMB / r.seconds).toFixed(1)} MB/s)`,
    `  RSS after                        ${r.afterRssMiB.toFixed(1)} MiB  (record kept ${r.capturedLines} lines)`,
  ].join('\n');
}

function rssMiB(): number {
  return process.memoryUsage.rss() / 2 ** 20;
}

/** The kernel's own high-water mark: catches a peak between two samples. */
function hwmMiB(): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportExecutorMemory(await benchExecutorMemory(Number(process.argv[2] ?? 1_000_000_000))));
}
