// `npx tsx bench/piped-cap.ts`: what an endless input costs `conch ask` before
// it stops reading (`yes … | conch ask`): readPiped on `yes` up to each cap,
// median of 5 runs, the same process and machine for every cap.
import { spawn } from 'node:child_process';
import { readPiped } from '../src/cli/commands/read-piped.ts';
import { fmt, machine, median } from './lib/stats.ts';

console.log(`machine: ${machine()}`);
for (const mib of [8, 16, 32, 64, 128]) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const yes = spawn('yes', ['a line of a log that never ends, as yes writes it'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const started = performance.now();
    const piped = await readPiped(yes.stdout, { maxBytes: mib * 1024 * 1024 });
    times.push(performance.now() - started);
    yes.kill();
    if (!piped.unread) throw new Error('the reader did not stop at its cap');
  }
  console.log(`cap ${mib} MiB: median ${fmt(median(times))}, min ${fmt(Math.min(...times))}`);
}
