// `npm run bench`: every benchmark, one after another, printed for bench/RESULTS.md.
import { benchMemory, reportMemory } from './memory.ts';
import { benchOverhead, reportOverhead } from './executor-overhead.ts';
import { benchStartup, reportStartup } from './startup.ts';
import { benchThroughput, reportThroughput } from './executor-throughput.ts';
import { machine } from './lib/stats.ts';

console.log(`machine: ${machine()}`);
console.log(reportStartup(benchStartup()));
console.log(reportOverhead(await benchOverhead()));
console.log(reportThroughput(await benchThroughput()));
console.log(reportMemory(await benchMemory()));
