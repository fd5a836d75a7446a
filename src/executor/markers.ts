/** What the supervisor (or, for `drained`, conch itself through the held slave) says in-band, between the command's output bytes. */
export type Marker = { kind: 'wait' } | { kind: 'resumed' } | { kind: 'done'; status: number } | { kind: 'drained' };

export type OutputEvent = { kind: 'data'; data: Buffer } | { kind: 'marker'; marker: Marker };

export interface MarkerScanner {
  /** Splits a chunk into output and markers, in order. */
  push(chunk: Buffer): OutputEvent[];
  /** Whatever was held back as a possible marker start, at the very end. */
  flush(): Buffer;
}

const ESC = 0x1b;
const BEL = 0x07;
const MAX_MARKER = 128;

/**
 * Finds `ESC ] 6973 ; <nonce> ; body BEL` markers in PTY output. Only a tail
 * that could still become a marker is held back (holding back more delays
 * what full-screen programs draw), and the nonce keeps a command from forging
 * one by printing the same bytes.
 */
export function createMarkerScanner(nonce: string): MarkerScanner {
  const prefix = Buffer.from(`\x1b]6973;${nonce};`);
  let held: Buffer = Buffer.alloc(0);

  return {
    push(chunk) {
      const data = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
      held = Buffer.alloc(0);
      const events: OutputEvent[] = [];
      let start = 0;
      let search = 0;
      for (;;) {
        const esc = data.indexOf(ESC, search);
        if (esc < 0) break;
        const available = Math.min(prefix.length, data.length - esc);
        if (data.compare(prefix, 0, available, esc, esc + available) !== 0) {
          search = esc + 1;
          continue;
        }
        const end = available === prefix.length ? data.indexOf(BEL, esc + prefix.length) : -1;
        if (end < 0) {
          if (data.length - esc > MAX_MARKER) {
            search = esc + 1;
            continue;
          }
          held = Buffer.from(data.subarray(esc));
          pushData(events, data.subarray(start, esc));
          return events;
        }
        pushData(events, data.subarray(start, esc));
        const marker = parseMarker(data.toString('latin1', esc + prefix.length, end));
        if (marker) events.push({ kind: 'marker', marker });
        start = search = end + 1;
      }
      pushData(events, data.subarray(start));
      return events;
    },
    flush() {
      const rest = held;
      held = Buffer.alloc(0);
      return rest;
    },
  };
}

/** The drain sentinel conch itself writes into the slave side: its return means every earlier byte was read. */
export function drainSentinel(nonce: string): Buffer {
  return Buffer.from(`\x1b]6973;${nonce};drained\x07`);
}

function pushData(events: OutputEvent[], data: Buffer): void {
  if (data.length > 0) events.push({ kind: 'data', data });
}

function parseMarker(body: string): Marker | undefined {
  if (body === 'wait') return { kind: 'wait' };
  if (body === 'resumed') return { kind: 'resumed' };
  if (body === 'drained') return { kind: 'drained' };
  const done = /^done;(\d+)$/.exec(body);
  return done ? { kind: 'done', status: Number(done[1]) } : undefined;
}
