import { fileURLToPath } from 'node:url';
import { createMarkdownRenderer } from '../src/render/index.ts';
import { machine, median, percentile } from './lib/stats.ts';

/** A long, varied answer: headings, lists, code, a table, long paragraphs. */
export function longAnswer(sections: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sections; i++) {
    parts.push(
      `## Step ${i}\n`,
      `Run **this** and check the \`output\` carefully; a [link](https://example.com/${i}) follows, then a long sentence that wraps across the terminal width more than once, with *emphasis*.\n\n`,
      `- item one for ${i}\n- item two with \`code\`\n  - nested item\n\n`,
      '```sh\nfind . -name "*.log" -mtime +7 -print | xargs -r gzip -9\n```\n\n',
      `| file | size |\n|---|---:|\n| a${i}.txt | ${i * 10} |\n| b${i}.txt | ${i * 20} |\n\n`,
    );
  }
  return parts.join('');
}

/** Feeds `text` in chunks of about the size model servers send (a few characters). */
function renderIn(text: string, chunk = 6): number {
  let bytes = 0;
  const renderer = createMarkdownRenderer({ write: (t) => void (bytes += t.length), width: () => 100, color: true });
  const start = performance.now();
  for (let i = 0; i < text.length; i += chunk) renderer.delta(text.slice(i, i + chunk));
  renderer.end();
  return performance.now() - start;
}

export interface RenderBenchResult {
  kib: number;
  throughputMBps: number;
  smallMs: number;
  largeMs: number;
  linearity: number;
  latencyMedianMs: number;
  latencyP90Ms: number;
}

/**
 * Throughput on a long answer, linearity (10x the input should cost about
 * 10x the time), and latency from a delta arriving to its text being written.
 */
export function benchRender(runs = 9): RenderBenchResult {
  const small = longAnswer(40);
  const large = longAnswer(400);
  for (let i = 0; i < 2; i++) (renderIn(small), renderIn(large));
  const smallMs = median(Array.from({ length: runs }, () => renderIn(small)));
  const largeMs = median(Array.from({ length: runs }, () => renderIn(large)));

  // Latency: time inside delta() until write() is called with its text, per delta.
  const latencies: number[] = [];
  let sent = 0;
  const renderer = createMarkdownRenderer({ write: () => latencies.push(performance.now() - sent), width: () => 100, color: true });
  for (let i = 0; i < large.length; i += 6) {
    const before = latencies.length;
    sent = performance.now();
    renderer.delta(large.slice(i, i + 6));
    latencies.length = Math.min(latencies.length, before + 1);
  }
  renderer.end();
  return {
    kib: large.length / 1024,
    throughputMBps: large.length / 1e6 / (largeMs / 1000),
    smallMs,
    largeMs,
    linearity: largeMs / smallMs,
    latencyMedianMs: median(latencies),
    latencyP90Ms: percentile(latencies, 90),
  };
}

export function reportRender(r: RenderBenchResult): string {
  return [
    `markdown renderer, 6-character deltas, width 100, color on (median of 9):`,
    `  ${r.kib.toFixed(0)} KiB answer in ${r.largeMs.toFixed(1)} ms: ${r.throughputMBps.toFixed(1)} MB/s`,
    `  linearity: 1x input ${r.smallMs.toFixed(1)} ms, 10x input ${r.largeMs.toFixed(1)} ms -> ${r.linearity.toFixed(1)}x (goal: about 10x)`,
    `  delta -> write latency: median ${(r.latencyMedianMs * 1000).toFixed(1)} µs, p90 ${(r.latencyP90Ms * 1000).toFixed(1)} µs (goal: median < 2 ms)`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportRender(benchRender()));
}
