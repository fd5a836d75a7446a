import { createParser } from 'eventsource-parser';
import { fileURLToPath } from 'node:url';
import { createSseParser } from '../src/sse/index.ts';
import { machine, median } from './lib/stats.ts';

export interface SseThroughputResult {
  megabytes: number;
  chunkSize: number;
  rawMBps: number;
  oursMBps: number;
  eventsourceParserMBps: number;
  ratio: number;
}

/** A long chat stream as llama.cpp sends it: one `data:` JSON chunk per token, a comment now and then. */
export function syntheticStream(events: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < events; i++) {
    if (i % 50 === 0) parts.push(': keepalive\n\n');
    const content = i % 7 === 0 ? ' привет' : i % 11 === 0 ? ' 😀' : ` token${i}`;
    parts.push(`data: {"choices":[{"finish_reason":null,"index":0,"delta":{"content":${JSON.stringify(content)}}}],"created":1732000000,"id":"chatcmpl-abc","model":"local","object":"chat.completion.chunk"}\n\n`);
  }
  parts.push('data: [DONE]\n\n');
  return Buffer.from(parts.join(''));
}

/**
 * SSE framing only (no JSON), from bytes to events, both parsers given the
 * same chunks: both through one streaming TextDecoder, as a real client must
 * (eventsource-parser takes strings). "decode only" is that TextDecoder alone:
 * the floor for any parser working on text. Goal: ours >= 1.5x eventsource-parser.
 */
export function benchSseThroughput(options: { events?: number; chunkSize?: number; runs?: number } = {}): SseThroughputResult {
  const stream = syntheticStream(options.events ?? 50_000);
  const chunkSize = options.chunkSize ?? 1024;
  const chunks: Buffer[] = [];
  for (let i = 0; i < stream.length; i += chunkSize) chunks.push(stream.subarray(i, i + chunkSize));
  const runs = options.runs ?? 15;

  const raw = () => {
    let length = 0;
    const decoder = new TextDecoder();
    for (const chunk of chunks) length += decoder.decode(chunk, { stream: true }).length;
    return length;
  };
  const ours = () => {
    let count = 0;
    const parser = createSseParser({ onEvent: () => void count++ });
    for (const chunk of chunks) parser.feed(chunk);
    parser.end();
    return count;
  };
  const theirs = () => {
    let count = 0;
    const decoder = new TextDecoder();
    const parser = createParser({ onEvent: () => void count++ });
    for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
    parser.feed(decoder.decode());
    return count;
  };
  if (ours() !== theirs()) throw new Error(`parsers disagree: ${ours()} vs ${theirs()} events`);

  const time = (fn: () => number) => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  const samples = { raw: [] as number[], ours: [] as number[], theirs: [] as number[] };
  for (let i = 0; i < 3; i++) {
    raw();
    ours();
    theirs();
  }
  for (let i = 0; i < runs; i++) {
    samples.raw.push(time(raw));
    samples.ours.push(time(ours));
    samples.theirs.push(time(theirs));
  }
  const mb = stream.length / 1e6;
  const rate = (ms: number[]) => mb / (median(ms) / 1000);
  const result = { megabytes: mb, chunkSize, rawMBps: rate(samples.raw), oursMBps: rate(samples.ours), eventsourceParserMBps: rate(samples.theirs), ratio: 0 };
  result.ratio = result.oursMBps / result.eventsourceParserMBps;
  return result;
}

export function reportSseThroughput(results: SseThroughputResult[]): string {
  const lines = [`SSE parser throughput, ${results[0]!.megabytes.toFixed(1)} MB synthetic chat stream, median of 15 interleaved runs:`];
  for (const r of results) {
    lines.push(
      `  ${String(r.chunkSize).padStart(6)} B chunks: decode only ${r.rawMBps.toFixed(0)} MB/s, conch ${r.oursMBps.toFixed(0)} MB/s, eventsource-parser 3.1.1 (+TextDecoder) ${r.eventsourceParserMBps.toFixed(0)} MB/s -> ${r.ratio.toFixed(2)}x (goal >= 1.5x)`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportSseThroughput([64, 1024, 16384].map((chunkSize) => benchSseThroughput({ chunkSize }))));
}
