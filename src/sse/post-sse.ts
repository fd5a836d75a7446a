import { ConchError } from '../errors.ts';
import { ConnectError, TimeoutError, type TimeoutKind } from './errors.ts';
import { createSseParser, type SseEvent } from './parser.ts';
import { httpError } from './read-body.ts';

export interface SseRequestOptions {
  signal?: AbortSignal;
  /** Until the response headers arrive. @default 10000 */
  connectTimeoutMs?: number;
  /** No bytes at all for this long. @default 60000 */
  idleTimeoutMs?: number;
  /** Bytes, but no event (only keepalive comments) for this long. @default 3 x idle */
  stallTimeoutMs?: number;
  /** The whole request. @default 600000 */
  overallTimeoutMs?: number;
  /** @default 16 MiB */
  maxEventSize?: number;
}

export interface SseResult {
  /** The caller's signal fired: cancellation, not failure. */
  aborted: boolean;
  /** onEvent asked to stop (e.g. after `[DONE]`); the rest of the body was cancelled. */
  stopped: boolean;
}

/** Return 'stop' from onEvent to end the stream early; the body is cancelled, not waited on. */
export type SseEventHandler = (event: SseEvent) => void | 'stop';

/**
 * POSTs `body` and parses the response as server-sent events, calling onEvent
 * synchronously, in order, once per event. Resolves when the stream ends (or
 * is aborted by the caller); rejects with HttpError, ConnectError,
 * TimeoutError or EventTooLargeError.
 */
export async function postSse(
  url: string,
  body: string,
  headers: Record<string, string>,
  onEvent: SseEventHandler,
  options: SseRequestOptions = {},
): Promise<SseResult> {
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const request = startRequest(url, options.signal, {
    connect: options.connectTimeoutMs ?? 10_000,
    overall: options.overallTimeoutMs ?? 600_000,
  });
  try {
    const response = await request.fetch({
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    });
    if (!response) return { aborted: true, stopped: false };
    if (!response.ok) throw await httpError(response, url);
    if (!response.body) return { aborted: false, stopped: false };

    let stop = false;
    const parser = createSseParser({
      maxEventSize: options.maxEventSize,
      onEvent(event) {
        request.arm('stall', options.stallTimeoutMs ?? idleMs * 3);
        if (!stop && onEvent(event) === 'stop') stop = true;
      },
    });
    const reader = response.body.getReader();
    request.arm('idle', idleMs);
    request.arm('stall', options.stallTimeoutMs ?? idleMs * 3);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          parser.end();
          return { aborted: false, stopped: false };
        }
        request.arm('idle', idleMs);
        parser.feed(value);
        if (stop) {
          await reader.cancel().catch(() => {});
          return { aborted: false, stopped: true };
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
export function startRequest(url: string, signal: AbortSignal | undefined, limits: { connect: number; overall: number }): RequestControl {
  const controller = new AbortController();
  const timers = new Map<TimeoutKind, NodeJS.Timeout>();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  const control: RequestControl = {
    async fetch(init) {
      control.arm('connect', limits.connect);
      control.arm('overall', limits.overall);
      try {
        return await globalThis.fetch(url, { ...init, signal: controller.signal });
      } catch (error) {
        if (signal?.aborted) return null;
        throw error;
      } finally {
        clearTimeout(timers.get('connect'));
      }
    },
    arm(kind, ms) {
      clearTimeout(timers.get(kind));
      timers.set(kind, setTimeout(() => controller.abort(new TimeoutError(kind, ms, url)), ms));
    },
    settle(error) {
      if (signal?.aborted) return { aborted: true, stopped: false };
      if (controller.signal.aborted && controller.signal.reason instanceof TimeoutError) throw controller.signal.reason;
      if (error instanceof ConchError) throw error;
      throw toConnectError(url, error);
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
  return control;
}

/** fetch's `TypeError: fetch failed` with the system error in `cause`, as a ConnectError. */
function toConnectError(url: string, error: unknown): ConnectError {
  let cause: unknown = error;
  while (cause instanceof Error && cause.cause) cause = cause.cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause).code) : undefined;
  const reason = code ?? (cause instanceof Error ? cause.message : 'connection failed');
  return new ConnectError(url, reason, { cause: error });
}
