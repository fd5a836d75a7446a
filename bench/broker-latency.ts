import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chatStream } from '../src/broker/index.ts';
import { machine, median, percentile } from './lib/stats.ts';

export interface LatencyResult {
  samples: number;
  medianMs: number;
  p90Ms: number;
}

/**
 * From the moment the server writes a chunk on loopback to the moment conch's
 * onDelta sees its text: the cost of socket, fetch, SSE parsing and delta
 * decoding together. Each chunk carries the server's hrtime-based send time
 * (same process, same clock). Goal: under 1 ms median.
 */
export async function benchBrokerLatency(tokens = 400): Promise<LatencyResult> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let i = 0;
    const send = () => {
      if (i === tokens) {
        res.end('data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
        return;
      }
      i++;
      res.write(`data: {"choices":[{"index":0,"delta":{"content":"${performance.now()}"},"finish_reason":null}]}\n\n`);
      setTimeout(send, 2);
    };
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const latencies: number[] = [];
  try {
    await chatStream({ name: 'bench', baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm' }, [{ role: 'user', content: 'x' }], {
      onDelta: (text) => latencies.push(performance.now() - Number(text)),
    });
  } finally {
    server.close();
  }
  const steady = latencies.slice(20);
  return { samples: steady.length, medianMs: median(steady), p90Ms: percentile(steady, 90) };
}

/**
 * Ctrl-C during an answer: from abort() to chatStream resolving, and to the
 * server seeing its socket close. Goal: under 50 ms.
 */
export async function benchAbort(runs = 20): Promise<{ resolveMs: number; closeMs: number }> {
  let closed: (() => void) | undefined;
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"choices":[{"index":0,"delta":{"content":"x"}}]}\n\n');
    res.on('close', () => closed?.());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const resolveTimes: number[] = [];
  const closeTimes: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const controller = new AbortController();
      let abortedAt = 0;
      const serverSawClose = new Promise<number>((resolve) => {
        closed = () => resolve(performance.now());
      });
      await chatStream({ name: 'bench', baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm' }, [{ role: 'user', content: 'x' }], {
        onDelta: () => {
          abortedAt = performance.now();
          controller.abort();
        },
      }, { signal: controller.signal });
      resolveTimes.push(performance.now() - abortedAt);
      closeTimes.push((await serverSawClose) - abortedAt);
    }
  } finally {
    server.close();
  }
  return { resolveMs: median(resolveTimes), closeMs: median(closeTimes) };
}

export function reportAbort(r: { resolveMs: number; closeMs: number }): string {
  return `abort mid-answer, median of 20: chatStream resolved ${r.resolveMs.toFixed(2)} ms after abort(), server saw the socket close ${r.closeMs.toFixed(2)} ms after (goal: < 50 ms)`;
}

export function reportBrokerLatency(r: LatencyResult): string {
  return `socket write -> onDelta on loopback, ${r.samples} deltas 2 ms apart: median ${r.medianMs.toFixed(3)} ms, p90 ${r.p90Ms.toFixed(3)} ms (goal: median < 1 ms)`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(machine());
  console.log(reportBrokerLatency(await benchBrokerLatency()));
  console.log(reportAbort(await benchAbort()));
}
