// `npx tsx bench/ask-piped.ts`: `seq 1 300000 | conch ask summarize`'s own work,
// from the piped bytes to the request: the bounded reader, redaction of what it
// kept, and the fit to snappy's window. Median of 12 runs in one process.
import { Readable } from 'node:stream';
import { oneShotRequest } from '../src/app/index.ts';
import { readPiped } from '../src/cli/commands/read-piped.ts';
import { fmt, machine, median } from './lib/stats.ts';

const input = Buffer.from(`${Array.from({ length: 300_000 }, (_, i) => String(i + 1)).join('\n')}\n`);
const times: number[] = [];
let sent = 0;
for (let i = 0; i < 12; i++) {
  const started = performance.now();
  const piped = await readPiped(Readable.from([input]));
  const request = oneShotRequest({ question: 'summarize', piped, preset: { contextSize: 4096, maxTokens: 512 }, env: {} });
  times.push(performance.now() - started);
  sent = JSON.stringify(request.messages).length;
}
console.log(`machine: ${machine()}`);
console.log(`piped ${(input.length / 1e6).toFixed(2)} MB -> request of ${(sent / 1e3).toFixed(1)} KB: median ${fmt(median(times))}, min ${fmt(Math.min(...times))}`);
