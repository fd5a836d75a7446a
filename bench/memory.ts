import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import { machine } from './lib/stats.ts';

const CONCH = resolve('bin/conch.js');

export interface MemoryResult {
  idleRssMiB: number;
  outputMiB: number;
  peakRssMiB: number;
  afterRssMiB: number;
  seconds: number;
}

/**
 * Interactive conch in a real PTY: RSS once the prompt is up, then the peak
 * (VmHWM) while a command prints `outputBytes` of text through it, then RSS
 * after. Capture is bounded, so the peak must not grow with the output.
 */
export async function benchMemory(outputBytes = 1_000_000_000): Promise<MemoryResult> {
  const child = pty.spawn(process.execPath, [CONCH], {
    cols: 120,
    rows: 40,
    cwd: process.cwd(),
    env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '1' },
  });
  let screen = '';
  child.onData((data) => {
    screen = (screen + data).slice(-4096);
  });
  const waitFor = async (pattern: RegExp) => {
    while (!pattern.test(screen)) await new Promise((r) => setTimeout(r, 20));
  };
  try {
    await waitFor(/\$ /);
    await new Promise((r) => setTimeout(r, 1000));
    const idle = status(child.pid);
    screen = '';
    const start = Date.now();
    child.write(`head -c ${outputBytes} /dev/zero | tr '\\0' a | fold -w 99; echo DONE-$((1+1))\r`);
    await waitFor(/DONE-2[\s\S]*\$ /);
    const seconds = (Date.now() - start) / 1000;
    const after = status(child.pid);
    return {
      idleRssMiB: idle.rss,
      outputMiB: outputBytes / 2 ** 20,
      peakRssMiB: after.hwm,
      afterRssMiB: after.rss,
      seconds,
    };
  } finally {
    child.kill();
  }
}

export function reportMemory(r: MemoryResult): string {
  return [
    `memory of the conch process (interactive, in a PTY):`,
    `  idle RSS after start-up          ${r.idleRssMiB.toFixed(1)} MiB`,
    `  peak RSS while printing ${r.outputMiB.toFixed(0)} MiB  ${r.peakRssMiB.toFixed(1)} MiB (${r.seconds.toFixed(1)} s)`,
    `  RSS after                        ${r.afterRssMiB.toFixed(1)} MiB`,
  ].join('\n');
}

function status(pid: number): { rss: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportMemory(await benchMemory(Number(process.argv[2] ?? 1_000_000_000))));
}
