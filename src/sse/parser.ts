import { EventTooLargeError } from './errors.ts';

/** One dispatched server-sent event. */
export interface SseEvent {
  data: string;
  /** The `event:` field, when one was given. */
  event?: string;
  /** The last event id seen (it persists across events, as the spec says). */
  id?: string;
  retry?: number;
  /**
   * Set only on an event dispatched at end of stream without its closing blank
   * line: it may be whole (`data: [DONE]` with no blank line after it) or half
   * of one (the connection closed mid-event). Whoever reads the data decides.
   */
  unterminated?: true;
}

/**
 * A line whose field the SSE spec does not know (the spec ignores it). Real
 * servers put errors there: old llama-server's `error: {...}` field, a bare
 * JSON error line with no `data:` (Ollama).
 */
export interface SseUnknownField {
  name: string;
  value: string;
  /** The whole line, as received. */
  line: string;
}

export interface SseParserOptions {
  onEvent: (event: SseEvent) => void;
  /** Called for `:` comment lines (keepalives); they never become events. */
  onComment?: (text: string) => void;
  /** Called, in stream order, for each line with a field name other than data, event, id and retry. */
  onUnknownField?: (field: SseUnknownField) => void;
  /** Largest event (pending line plus data) in UTF-16 units. @default 16 Mi */
  maxEventSize?: number;
}

export interface SseParser {
  /** Bytes as they arrive; events are dispatched synchronously, in order. */
  feed(chunk: Uint8Array): void;
  /** The stream ended: complete field lines still pending are dispatched as one last event. */
  end(): void;
}

const LF = 10;
const COLON = 58;
const SPACE = 32;

/**
 * A WHATWG server-sent events parser. Bytes go through one streaming UTF-8
 * decoder per stream (a character split across chunks is never garbled; a
 * leading BOM is dropped once), then lines are found with indexOf on the
 * decoded text: LF, CR and CRLF, also a CRLF split across chunks. A partial
 * line is kept as fragments joined once, so a huge event in small pieces stays
 * linear.
 */
export function createSseParser(options: SseParserOptions): SseParser {
  const { onEvent, onComment, onUnknownField } = options;
  const maxEventSize = options.maxEventSize ?? 16 * 1024 * 1024;
  const decoder = new TextDecoder('utf-8');
  let fragments: string[] = [];
  let pendingLength = 0;
  let skipLeadingLF = false;
  let data = '';
  let dataLines = 0;
  let eventType: string | undefined;
  let lastId: string | undefined;
  let retry: number | undefined;
  let ended = false;

  const dispatch = () => {
    if (dataLines > 0) {
      const event: SseEvent = { data };
      if (eventType !== undefined) event.event = eventType;
      if (lastId !== undefined) event.id = lastId;
      if (retry !== undefined) event.retry = retry;
      if (ended) event.unterminated = true;
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

  const addData = (value: string) => {
    data = dataLines === 0 ? value : `${data}\n${value}`;
    dataLines++;
    if (data.length > maxEventSize) throw new EventTooLargeError(maxEventSize);
  };

  // One line of `text` from start to end (exclusive), without its terminator.
  const processLine = (text: string, start: number, end: number) => {
    if (start === end) return dispatch();
    const first = text.charCodeAt(start);
    // The common case, `data:` checked by character codes without slicing the field name.
    if (first === 100 && end - start >= 5 && text.charCodeAt(start + 1) === 97 && text.charCodeAt(start + 2) === 116 && text.charCodeAt(start + 3) === 97 && text.charCodeAt(start + 4) === COLON) {
      const from = text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5;
      return addData(text.slice(from, end));
    }
    if (first === COLON) {
      onComment?.(text.slice(start + 1, end).trimStart());
      return;
    }
    let colon = text.indexOf(':', start);
    if (colon < 0 || colon > end) colon = end;
    const field = text.slice(start, colon);
    let from = colon < end ? colon + 1 : end;
    if (from < end && text.charCodeAt(from) === SPACE) from++;
    const value = text.slice(from, end);
    switch (field) {
      case 'data':
        return addData(value);
      case 'event':
        eventType = value;
        return;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) retry = Number(value);
        return;
      default:
        onUnknownField?.({ name: field, value, line: text.slice(start, end) });
    }
  };

  // A complete line: joined with the pending fragments of earlier chunks, if any.
  const takeLine = (text: string, pos: number, end: number) => {
    if (fragments.length === 0) return processLine(text, pos, end);
    fragments.push(text.slice(pos, end));
    const line = fragments.join('');
    fragments = [];
    pendingLength = 0;
    processLine(line, 0, line.length);
  };

  const keepPartial = (text: string, pos: number) => {
    const rest = text.slice(pos);
    pendingLength += rest.length;
    if (pendingLength + data.length > maxEventSize) throw new EventTooLargeError(maxEventSize);
    fragments.push(rest);
  };

  // Nearly every stream ends lines with LF only; that path stays small enough for V8 to keep it fast.
  const processLF = (text: string, pos: number) => {
    for (;;) {
      const end = text.indexOf('\n', pos);
      if (end < 0) return pos < text.length ? keepPartial(text, pos) : undefined;
      takeLine(text, pos, end);
      pos = end + 1;
    }
  };

  // CR or CRLF line ends; the next CR is looked up again only once passed (not at every line).
  const processMixed = (text: string, pos: number) => {
    let cr = text.indexOf('\r', pos);
    while (pos < text.length) {
      if (cr >= 0 && cr < pos) cr = text.indexOf('\r', pos);
      const lf = text.indexOf('\n', pos);
      const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
      if (end < 0) return keepPartial(text, pos);
      takeLine(text, pos, end);
      if (end === cr) {
        if (end + 1 === text.length) skipLeadingLF = true;
        pos = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      } else {
        pos = end + 1;
      }
    }
  };

  const processText = (text: string) => {
    let pos = 0;
    if (skipLeadingLF && text.length > 0) {
      skipLeadingLF = false;
      if (text.charCodeAt(0) === LF) pos = 1;
    }
    if (text.indexOf('\r', pos) < 0) processLF(text, pos);
    else processMixed(text, pos);
  };

  return {
    feed(chunk) {
      processText(decoder.decode(chunk, { stream: true }));
    },
    end() {
      processText(decoder.decode());
      ended = true;
      // Servers that close without the final blank line (some llama.cpp builds, HTTP/1.0 feeds)
      // would otherwise lose their last event: a deliberate, documented deviation from the spec.
      if (fragments.length > 0) {
        const line = fragments.join('');
        fragments = [];
        processLine(line, 0, line.length);
      }
      dispatch();
    },
  };
}
