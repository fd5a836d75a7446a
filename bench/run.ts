// `npm run bench`: every benchmark, one after another, printed for bench/RESULTS.md.
import { benchAbort, benchBrokerLatency, reportAbort, reportBrokerLatency } from './broker-latency.ts';
import { benchEngine, reportEngine } from './engine.ts';
import { benchExecutorMemory, reportExecutorMemory } from './executor-memory.ts';
import { benchOverhead, reportOverhead } from './executor-overhead.ts';
import { benchThroughput, reportThroughput } from './executor-throughput.ts';
import { machine } from './lib/stats.ts';
import { benchMemory, reportMemory } from './memory.ts';
import { benchSseThroughput, reportSseThroughput } from './sse-throughput.ts';
import { benchRender, reportRender } from './render-throughput.ts';
import { benchRedact, reportRedact } from './redact-throughput.ts';
import { benchSanitize, reportSanitize } from './sanitize.ts';
import { benchStartup, reportStartup } from './startup.ts';

console.log(`machine: ${machine()}`);
console.log(reportStartup(benchStartup()));
console.log(reportOverhead(await benchOverhead()));
console.log(reportThroughput(await benchThroughput()));
console.log(reportSseThroughput([64, 1024, 16384].map((chunkSize) => benchSseThroughput({ chunkSize }))));
console.log(reportBrokerLatency(await benchBrokerLatency()));
console.log(reportAbort(await benchAbort()));
console.log(reportRender(benchRender()));
console.log(reportRedact(benchRedact()));
console.log(reportSanitize(benchSanitize()));
console.log(reportExecutorMemory(await benchExecutorMemory()));
console.log(reportMemory(await benchMemory()));
console.log(reportEngine(await benchEngine()));
