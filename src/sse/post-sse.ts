import { ConchError } from '../errors.ts';
import { ConnectError, StreamClosedError, TimeoutError, type TimeoutKind } from './errors.ts';
import { createSseParser, type SseEvent, type SseUnknownField } from './parser.ts';
import { fetchThrough, proxyFor, redactProxy, type ProxySettings } from './proxy.ts';
import { httpError, readText, type BodyDescriber } from './read-body.ts';

export interface SseRequestOptions {
  signal?: AbortSignal;
  /** Until the response headers arrive. @default 10000 */
  connectTimeoutMs?: number;
  /** No bytes at all for this long (also while reading an error body). @default 60000 */
  idleTimeoutMs?: number;
  /** Bytes, but no event (only keepalive comments or empty events) for this long. @default 3 x idle */
  stallTimeoutMs?: number;
  /** The whole request. @default 600000 */
  overallTimeoutMs?: number;
  /** Largest event, and largest body that is not an event stream. @default 16 MiB */
  maxEventSize?: number;
  proxy?: ProxySettings;
  /** The server's message in an error body (HttpError.serverMessage). @default a plain-text excerpt */
  describeErrorBody?: BodyDescriber;
}

/** A 2xx response that is a JSON document (a non-streamed completion) or an HTML page: its whole body. */
export interface PlainBody {
  contentType: string;
  text: string;
}

export interface SseResult {
  /** The caller's signal fired: cancellation, not failure. */
  aborted: boolean;
  /** A handler asked to stop (e.g. after `[DONE]`); the rest of the body was cancelled. */
  stopped: boolean;
  /** Set instead of any events when the response was JSON or HTML. */
  body?: PlainBody;
  /** The response's Content-Type ('' when it gave none), once a response arrived. */
  contentType?: string;
}

/** Return 'stop' to end the stream early; the body is cancelled, not waited on. */
export interface SseHandlers {
  onEvent: (event: SseEvent) => void | 'stop';
  /** Lines the SSE spec ignores, passed on because servers put errors there (see SseUnknownField). */
  onUnknownField?: (field: SseUnknownField) => void | 'stop';
}

/** A JSON document or an HTML page: read whole, never parsed as events. */
const WHOLE_BODY = /^\s*(application\/([\w.-]+\+)?json|text\/html)\s*(;|$)/i;

/** Timers above this overflow to 1 ms in Node: every duration is clamped to it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const PLAIN_ERROR_BODY_LIMIT = 64 * 1024;

/**
 * POSTs `body` (its content-type among `headers`) and parses the response as
 * server-sent events, calling the handlers synchronously, in order. Resolves
 * when the stream ends (or is aborted by the caller); rejects with HttpError,
 * ConnectError (no response),
 * StreamClosedError (the connection broke mid-response), TimeoutError or
 * EventTooLargeError, or with whatever a handler threw.
 */
export async function postSse(url: string, body: string, headers: Record<string, string>, handlers: SseHandlers, options: SseRequestOptions = {}): Promise<SseResult> {
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const stallMs = options.stallTimeoutMs ?? idleMs * 3;
  const maxEventSize = options.maxEventSize ?? 16 * 1024 * 1024;
  const request = startRequest(url, options.signal, {
    connect: options.connectTimeoutMs ?? 10_000,
    overall: options.overallTimeoutMs ?? 600_000,
    proxy: options.proxy,
  });
  const arm = () => request.arm('idle', idleMs);
  try {
    const response = await request.fetch({
      method: 'POST',
      body,
      headers: { accept: 'text/event-stream', ...headers },
    });
    if (!response) return { aborted: true, stopped: false };
    arm();
    if (!response.ok) {
      throw await httpError(response, url, (stream) => readText(stream, { limit: PLAIN_ERROR_BODY_LIMIT, overflow: 'cut', onBytes: arm }), options.describeErrorBody);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.body) return { aborted: false, stopped: false, contentType };
    // Anything else (text/plain, none at all) is read as a stream: servers mislabel streams, and lines that are not SSE still reach onUnknownField.
    if (WHOLE_BODY.test(contentType)) {
      const text = await readText(response.body, { limit: maxEventSize, overflow: 'throw', onBytes: arm });
      return { aborted: false, stopped: false, body: { contentType, text }, contentType };
    }

    let stop = false;
    const parser = createSseParser({
      maxEventSize,
      onEvent(event) {
        // An empty event is a heartbeat, like a comment: it shows the server is there, not that it is generating.
        if (event.data !== '') request.arm('stall', stallMs);
        if (!stop && handlers.onEvent(event) === 'stop') stop = true;
      },
      ...(handlers.onUnknownField
        ? {
            onUnknownField: (field: SseUnknownField) => {
              if (!stop && handlers.onUnknownField!(field) === 'stop') stop = true;
            },
          }
        : {}),
    });
    const reader = response.body.getReader();
    request.arm('stall', stallMs);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          parser.end();
          return { aborted: false, stopped: false, contentType };
        }
        arm();
        parser.feed(value);
        if (stop) {
          await reader.cancel().catch(() => {});
          return { aborted: false, stopped: true, contentType };
        }
      }
    } catch (error) {
      await reader.cancel().catch(() => {});
      throw error;
    }
  } catch (error) {
    return request.settle(error);
  } finally {
    request.dispose();
  }
}

export interface RequestControl {
  /** Null when the caller aborted before the response arrived. */
  fetch(init: RequestInit): Promise<Response | null>;
  /** (Re)starts a named timer; when it fires, the request is aborted with a TimeoutError. */
  arm(kind: TimeoutKind, ms: number): void;
  /** Turns a failure into the error to throw, or an `aborted` result when the caller cancelled. */
  settle(error: unknown): SseResult;
  dispose(): void;
}

/** One request's AbortController, timers, and the link to the caller's signal. */
export function startRequest(url: string, signal: AbortSignal | undefined, limits: { connect: number; overall: number; proxy?: ProxySettings | undefined }): RequestControl {
  const controller = new AbortController();
  let proxy: string | undefined;
  const timers = new Map<TimeoutKind, NodeJS.Timeout>();
  let responded = false;
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  const control: RequestControl = {
    async fetch(init) {
      control.arm('connect', limits.connect);
      control.arm('overall', limits.overall);
      try {
        proxy = proxyFor(url, limits.proxy);
        const fetch = await fetchThrough(proxy);
        const response = await fetch(url, { ...init, signal: controller.signal });
        responded = true;
        return response;
      } catch (error) {
        if (signal?.aborted) return null;
        throw error;
      } finally {
        clearTimeout(timers.get('connect'));
      }
    },
    arm(kind, ms) {
      clearTimeout(timers.get(kind));
      const delay = Math.min(Math.max(1, ms), MAX_TIMER_MS);
      timers.set(kind, setTimeout(() => controller.abort(new TimeoutError(kind, delay, url, kind === 'connect' && proxy ? redactProxy(proxy) : undefined)), delay));
    },
    settle(error) {
      if (signal?.aborted) return { aborted: true, stopped: false };
      // Ours (an HttpError, a handler's error) before the timer's: a timer may have fired while it was being made.
      if (error instanceof ConchError) throw error;
      if (controller.signal.aborted && controller.signal.reason instanceof TimeoutError) throw controller.signal.reason;
      const reason = systemReason(error);
      if (responded) throw new StreamClosedError(url, reason, { cause: error });
      throw connectError(url, reason, error, proxy);
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
  return control;
}

/** Node's codes for a certificate it cannot verify (OpenSSL's names, and its own for a name mismatch). */
const CERTIFICATE = /CERT|^UNABLE_TO_(GET|VERIFY)_|^HOSTNAME_MISMATCH$/;
/** Through a proxy, conch neither resolves nor connects to the server itself: these are the proxy's. */
const REACHING_THE_PROXY = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function connectError(url: string, reason: string, error: unknown, proxy: string | undefined): ConnectError {
  const through = proxy ? { proxy: redactProxy(proxy) } : {};
  if (CERTIFICATE.test(reason)) return new ConnectError(url, reason, { cause: error, stage: 'certificate', ...through });
  if (!proxy) return new ConnectError(url, reason, { cause: error });
  // undici says a refused tunnel only in its message: `Proxy response (403) !== 200 when HTTP Tunneling`.
  const refused = /^Proxy response \((\d{3})\)/.exec(innermost(error).message);
  if (refused) return new ConnectError(url, reason, { cause: error, stage: 'proxy', proxyStatus: Number(refused[1]), ...through });
  return new ConnectError(url, reason, { cause: error, stage: REACHING_THE_PROXY.has(reason) ? 'proxy' : 'server', ...through });
}

function innermost(error: unknown): Error {
  let cause: unknown = error;
  while (cause instanceof Error && cause.cause) cause = cause.cause;
  return cause instanceof Error ? cause : new Error(String(cause));
}

/** fetch's `TypeError: fetch failed` (or `terminated`) has the system error in `cause`: its code, else its message. */
function systemReason(error: unknown): string {
  let cause: unknown = error;
  while (cause instanceof Error && cause.cause) cause = cause.cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code ?? (cause instanceof Error ? cause.message : 'connection failed');
}
