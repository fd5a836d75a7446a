import { EventTooLargeError } from './errors.ts';

/** One dispatched server-sent event. */
export interface SseEvent {
  data: string;
  /** The `event:` field, when one was given. */
  event?: string;
  /** The last event id seen (it persists across events, as the spec says). */
  id?: string;
  retry?: number;
}

export interface SseParserOptions {
  onEvent: (event: SseEvent) => void;
  /** Called for `:` comment lines (keepalives); they never become events. */
  onComment?: (text: string) => void;
  /** Largest event (pending line plus data) in bytes. @default 16 MiB */
  maxEventSize?: number;
}

export interface SseParser {
  /** Bytes as they arrive; events are dispatched synchronously, in order. */
  feed(chunk: Uint8Array): void;
  /** The stream ended: complete field lines still pending are dispatched as one last event. */
  end(): void;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * A WHATWG server-sent events parser working on bytes: lines split at CR, LF
 * or CRLF (also when split across chunks), each complete line decoded as UTF-8
 * once, so a character split across chunks is never garbled. A partial line is
 * kept as a list of fragments, so a huge event in small pieces stays linear.
 */
export function createSseParser(options: SseParserOptions): SseParser {
  const { onEvent, onComment } = options;
  const maxEventSize = options.maxEventSize ?? 16 * 1024 * 1024;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let fragments: Uint8Array[] = [];
  let pendingLength = 0;
  let skipLeadingLF = false;
  let firstLine = true;
  let data = '';
  let dataLines = 0;
  let eventType: string | undefined;
  let lastId: string | undefined;
  let retry: number | undefined;

  const dispatch = () => {
    if (dataLines > 0) {
      const event: SseEvent = { data };
      if (eventType !== undefined) event.event = eventType;
      if (lastId !== undefined) event.id = lastId;
      if (retry !== undefined) event.retry = retry;
      data = '';
      dataLines = 0;
      eventType = undefined;
      retry = undefined;
      onEvent(event);
      return;
    }
    eventType = undefined;
    retry = undefined;
  };

  const processLine = (line: string) => {
    if (firstLine) {
      firstLine = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    if (line === '') return dispatch();
    const colon = line.indexOf(':');
    if (colon === 0) {
      onComment?.(line.slice(1).trimStart());
      return;
    }
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    switch (field) {
      case 'data':
        data = dataLines === 0 ? value : `${data}\n${value}`;
        dataLines++;
        if (data.length > maxEventSize) throw new EventTooLargeError(maxEventSize);
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
    }
  };

  const takeLine = (chunk: Uint8Array, start: number, end: number): string => {
    if (fragments.length === 0) return decoder.decode(chunk.subarray(start, end));
    fragments.push(chunk.subarray(start, end));
    const whole = new Uint8Array(pendingLength + end - start);
    let offset = 0;
    for (const fragment of fragments) {
      whole.set(fragment, offset);
      offset += fragment.length;
    }
    fragments = [];
    pendingLength = 0;
    return decoder.decode(whole);
  };

  return {
    feed(chunk) {
      let start = 0;
      if (skipLeadingLF && chunk.length > 0) {
        skipLeadingLF = false;
        if (chunk[0] === LF) start = 1;
      }
      // The next CR is looked up again only once passed: most streams have none, and
      // searching the rest of the chunk for one at every line would be quadratic.
      let cr = chunk.indexOf(CR, start);
      while (start < chunk.length) {
        const lf = chunk.indexOf(LF, start);
        if (cr >= 0 && cr < start) cr = chunk.indexOf(CR, start);
        const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(lf, cr);
        if (end < 0) {
          const rest = chunk.subarray(start);
          pendingLength += rest.length;
          if (pendingLength + data.length > maxEventSize) throw new EventTooLargeError(maxEventSize);
          // Copy: the caller may reuse its buffer.
          fragments.push(rest.slice());
          return;
        }
        processLine(takeLine(chunk, start, end));
        if (chunk[end] === CR) {
          if (end + 1 < chunk.length) start = chunk[end + 1] === LF ? end + 2 : end + 1;
          else {
            skipLeadingLF = true;
            start = end + 1;
          }
        } else start = end + 1;
      }
    },
    end() {
      // Servers that close without the final blank line (some llama.cpp builds, HTTP/1.0 feeds)
      // would otherwise lose their last event: a deliberate, documented deviation from the spec.
      if (fragments.length > 0) processLine(takeLine(new Uint8Array(0), 0, 0));
      dispatch();
    },
  };
}
