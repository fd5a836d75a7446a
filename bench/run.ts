// `npm run bench`: every benchmark, one after another, printed for bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { benchAbort, benchBrokerLatency, reportAbort, reportBrokerLatency } from './broker-latency.ts';
import { benchEngine, reportEngine } from './engine.ts';
import { machine } from './lib/stats.ts';
import { benchMemory, reportMemory } from './memory.ts';
import { benchSseThroughput, reportSseThroughput } from './sse-throughput.ts';
import { benchRender, reportRender } from './render-throughput.ts';
import { benchRedact, reportRedact } from './redact-throughput.ts';
import { benchSanitize, reportSanitize } from './sanitize.ts';
import { benchLineOverhead, benchSessionThroughput, benchStartToPrompt, reportLineOverhead, reportSessionThroughput, reportStartToPrompt } from './shell-session.ts';
import { benchStartup, reportStartup } from './startup.ts';

console.log(`machine: ${machine()}`);
console.log(reportStartup(benchStartup()));
console.log(reportLineOverhead(await benchLineOverhead()));
console.log(reportStartToPrompt(await benchStartToPrompt()));
console.log(reportSessionThroughput(await benchSessionThroughput()));
console.log(reportSseThroughput([64, 1024, 16384].map((chunkSize) => benchSseThroughput({ chunkSize }))));
console.log(reportBrokerLatency(await benchBrokerLatency()));
console.log(reportAbort(await benchAbort()));
console.log(reportRender(benchRender()));
console.log(reportRedact(benchRedact()));
console.log(reportSanitize(benchSanitize()));
console.log(reportMemory(await benchMemory()));
console.log(reportEngine(await benchEngine()));

// Benchmarks written as scripts of their own (each also runs alone): their lines, after a heading.
for (const script of ['ask-piped.ts', 'piped-cap.ts', 'think-block.ts']) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(script, import.meta.url).pathname], { encoding: 'utf8' });
  console.log(`\n### bench/${script}\n${out.split('\n').filter((line) => !line.startsWith('machine:')).join('\n').trimEnd()}`);
}
