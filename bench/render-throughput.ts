// The markdown renderer: throughput, linearity, and delta-to-terminal latency.
// Run alone: npx tsx bench/render-throughput.ts
import { fileURLToPath } from 'node:url';
import { createMarkdownRenderer } from '../src/render/index.ts';
import { machine, median, percentile } from './lib/stats.ts';

/** A long, varied answer: headings, paragraphs, lists, a quote, highlighted code, a table. */
export function longAnswer(sections: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sections; i++) {
    parts.push(
      `## Step ${i}\n\n`,
      `Run **this** and check the \`output\` carefully; a [link](https://example.com/${i}) follows, then a long sentence that wraps across the terminal width more than once, with *emphasis* and 中文.\n\n`,
      `- item one for ${i}\n- item two with \`code\`\n  - nested item\n\n> a quoted remark\n\n`,
      '```sh\nfind . -name "*.log" -mtime +7 -print | xargs -r gzip -9\n```\n\n',
      '```python\ndef size(path):\n    """Bytes under path."""\n    return sum(f.stat().st_size for f in path.rglob("*"))\n```\n\n',
      `| file | size |\n|---|---:|\n| a${i}.txt | ${i * 10} |\n| b${i}.txt | ${i * 20} |\n\n`,
    );
  }
  return parts.join('');
}

/** Streams `text` in deltas of `chunk` characters (model servers send a few) to a no-op terminal; ms. */
function renderIn(text: string, chunk = 6): number {
  const renderer = createMarkdownRenderer({ write: () => {}, width: () => 100, color: true });
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
  longLineLinearity: number;
  latencyMedianMs: number;
  latencyP99Ms: number;
  lineLatencyMedianMs: number;
  maxLatencyMs: number;
}

/**
 * Throughput on a long answer; linearity (10x the input should cost about 10x
 * the time), for the answer and for one long line (the partial-line path); and
 * latency from a delta arriving to its last write to the terminal returning.
 */
export function benchRender(runs = 9): RenderBenchResult {
  const small = longAnswer(40);
  const large = longAnswer(400);
  const shortLine = 'word '.repeat(3_000);
  const longLine = 'word '.repeat(30_000);
  for (let i = 0; i < 2; i++) {
    renderIn(small);
    renderIn(large);
    renderIn(longLine);
  }
  const smallMs = median(Array.from({ length: runs }, () => renderIn(small)));
  const largeMs = median(Array.from({ length: runs }, () => renderIn(large)));
  const shortLineMs = median(Array.from({ length: runs }, () => renderIn(shortLine)));
  const longLineMs = median(Array.from({ length: runs }, () => renderIn(longLine)));

  const all: number[] = [];
  const completing: number[] = [];
  const renderer = createMarkdownRenderer({ write: () => {}, width: () => 100, color: true });
  for (let i = 0; i < large.length; i += 6) {
    const delta = large.slice(i, i + 6);
    const start = performance.now();
    renderer.delta(delta);
    const ms = performance.now() - start;
    all.push(ms);
    if (delta.includes('\n')) completing.push(ms);
  }
  renderer.end();
  return {
    kib: large.length / 1024,
    throughputMBps: large.length / 1e6 / (largeMs / 1000),
    smallMs,
    largeMs,
    linearity: largeMs / smallMs,
    longLineLinearity: longLineMs / shortLineMs,
    latencyMedianMs: median(all),
    latencyP99Ms: percentile(all, 99),
    lineLatencyMedianMs: median(completing),
    maxLatencyMs: Math.max(...all),
  };
}

export function reportRender(r: RenderBenchResult): string {
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  return [
    'markdown renderer, 6-character deltas, width 100, color on (median of 9):',
    `  ${r.kib.toFixed(0)} KiB answer in ${r.largeMs.toFixed(1)} ms: ${r.throughputMBps.toFixed(1)} MB/s`,
    `  linearity: 1x input ${r.smallMs.toFixed(1)} ms, 10x input ${r.largeMs.toFixed(1)} ms -> ${r.linearity.toFixed(1)}x; one 15 KB vs 150 KB line -> ${r.longLineLinearity.toFixed(1)}x (goal: about 10x)`,
    `  delta -> written: median ${us(r.latencyMedianMs)}, p99 ${us(r.latencyP99Ms)}, max ${us(r.maxLatencyMs)}; deltas completing a line: median ${us(r.lineLatencyMedianMs)} (goal: median < 2 ms)`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportRender(benchRender()));
}
