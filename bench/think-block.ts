// `npx tsx bench/think-block.ts`: what routing a leading <think> block costs
// the content stream. 1 MB of answer in 4-character deltas (a token each),
// after a 20 KB think block, through the splitter, side by side with handing
// each delta straight on as before; median of 15 runs in one process.
import { createThinkSplitter } from '../src/broker/think-block.ts';
import { fmt, machine, median } from './lib/stats.ts';

const deltas = ['<think>', '\n', ...Array.from({ length: 5_000 }, () => 'hmm '), '</think>', '\n\n', ...Array.from({ length: 250_000 }, (_, i) => `w${i % 10}${i % 7} `)];
let sink = 0;
const content = (text: string) => void (sink += text.length);

function direct(): number {
  const started = performance.now();
  for (const delta of deltas) content(delta);
  return performance.now() - started;
}

function split(): number {
  const started = performance.now();
  const splitter = createThinkSplitter({ content, reasoning: content });
  for (const delta of deltas) splitter.push(delta);
  splitter.end();
  return performance.now() - started;
}

for (let i = 0; i < 5; i++) {
  direct();
  split();
}
const times = { direct: [] as number[], split: [] as number[] };
for (let i = 0; i < 15; i++) {
  times.direct.push(direct());
  times.split.push(split());
}
const [a, b] = [median(times.direct), median(times.split)];
console.log(`machine: ${machine()}`);
console.log(`${deltas.length} deltas (${(deltas.join('').length / 1e6).toFixed(2)} MB): straight on ${fmt(a)}, through the splitter ${fmt(b)} (+${fmt(b - a)}, ${(((b - a) / deltas.length) * 1e6).toFixed(0)} ns a delta); checksum ${sink}`);
