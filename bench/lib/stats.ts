import { execSync } from 'node:child_process';
import { cpus } from 'node:os';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One line naming the machine, for bench/RESULTS.md. */
export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let kernel: string;
  try {
    kernel = execSync('uname -r', { encoding: 'utf8' }).trim();
  } catch {
    kernel = 'unknown kernel';
  }
  return `${cpus().length} x ${cpu}, Linux ${kernel}, Node ${process.version}`;
}

export function fmt(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}
