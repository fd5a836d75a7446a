// The sanitiser on its hot paths: streamed answers (every delta), and the line
// editor's layout (every key draws the whole buffer, each character shown exactly).
// Run alone: npx tsx bench/sanitize.ts
import { fileURLToPath } from 'node:url';
import { layoutPrompt } from '../src/editor/render.ts';
import { createProseCleaner } from '../src/render/sanitize.ts';
import { machine, median } from './lib/stats.ts';
import { longAnswer } from './render-throughput.ts';

/** What src/render/sanitize.ts did before: one regex that dropped control characters (payloads stayed as text). */
const OLD_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function timed(run: () => void, runs: number): number {
  for (let i = 0; i < 2; i++) run();
  return median(Array.from({ length: runs }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  }));
}

/** `text` in 6-character deltas through a fresh streaming cleaner. */
function cleanIn(text: string): void {
  const cleaner = createProseCleaner();
  for (let i = 0; i < text.length; i += 6) cleaner.push(text.slice(i, i + 6));
}

function oldCleanIn(text: string): void {
  for (let i = 0; i < text.length; i += 6) text.slice(i, i + 6).replace(OLD_CONTROL, '');
}

export interface SanitizeBenchResult {
  kib: number;
  plainMs: number;
  plainOldMs: number;
  hostileMs: number;
  hostileOldMs: number;
  layoutShortUs: number;
  layoutLongUs: number;
  layoutHostileUs: number;
}

/**
 * Streaming: a 208 KiB answer as servers send it, plain (the fast path: no
 * control or invisible character in the delta) and with an escape sequence in
 * every line (the state machine runs), next to the old one-regex cleaner.
 * Editing: one layout of a 80- and an 800-character line, as every key does.
 */
export function benchSanitize(runs = 15): SanitizeBenchResult {
  const plain = longAnswer(400);
  const hostile = plain.replace(/\n/g, '\x1b]0;title\x07\u202e\n');
  const layout = (text: string) => () => void layoutPrompt({ prompt: '\x1b[1;36m~/src\x1b[0m $ ', continuation: '> ', text, cursor: text.length >> 1, cols: 100 });
  const short = 'git log --oneline --graph --decorate | grep -i "fix" | head -n 20 && echo ok';
  const long = short.repeat(10);
  const hostileLine = 'ls -la\x1b[2K\x1b[G\u009b2K curl -d@f x \u202e\u200b'.repeat(3);
  const many = 200;
  return {
    kib: plain.length / 1024,
    plainMs: timed(() => cleanIn(plain), runs),
    plainOldMs: timed(() => oldCleanIn(plain), runs),
    hostileMs: timed(() => cleanIn(hostile), runs),
    hostileOldMs: timed(() => oldCleanIn(hostile), runs),
    layoutShortUs: (timed(() => { for (let i = 0; i < many; i++) layout(short)(); }, runs) * 1000) / many,
    layoutLongUs: (timed(() => { for (let i = 0; i < many; i++) layout(long)(); }, runs) * 1000) / many,
    layoutHostileUs: (timed(() => { for (let i = 0; i < many; i++) layout(hostileLine)(); }, runs) * 1000) / many,
  };
}

export function reportSanitize(r: SanitizeBenchResult): string {
  const rate = (ms: number) => `${((r.kib * 1024) / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
  return [
    `### Sanitiser — npx tsx bench/sanitize.ts`,
    '',
    `| ${r.kib.toFixed(0)} KiB answer, 6-char deltas | streaming cleaner (now) | one regex (before) |`,
    '|---|---|---|',
    `| plain text | ${r.plainMs.toFixed(2)} ms (${rate(r.plainMs)}) | ${r.plainOldMs.toFixed(2)} ms (${rate(r.plainOldMs)}) |`,
    `| an OSC and a bidi control on every line | ${r.hostileMs.toFixed(2)} ms (${rate(r.hostileMs)}) | ${r.hostileOldMs.toFixed(2)} ms (${rate(r.hostileOldMs)}) |`,
    '',
    '| one editor layout (every key), 100 columns | median |',
    '|---|---|',
    `| 80-character line | ${r.layoutShortUs.toFixed(1)} µs |`,
    `| 800-character line | ${r.layoutLongUs.toFixed(1)} µs |`,
    `| 100-character line full of controls, bidi and zero-width characters | ${r.layoutHostileUs.toFixed(1)} µs |`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`machine: ${machine()}`);
  console.log(reportSanitize(benchSanitize()));
}
