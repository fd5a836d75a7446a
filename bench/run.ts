// `npm run bench`: every benchmark, one after another, printed for bench/RESULTS.md.
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
