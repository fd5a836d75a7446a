import { ConchError } from '../errors.ts';

/** The server answered with a non-2xx status; its own message when it gave one. */
export class HttpError extends ConchError {
  override name = 'HttpError';
  readonly status: number;
  readonly url: string;
  /** As the caller's describer read it from the body (the broker knows its JSON shapes), else a short excerpt. */
  readonly serverMessage: string;
  /** Seconds from a Retry-After header, when present. */
  readonly retryAfterSeconds: number | undefined;

  constructor(fields: { status: number; url: string; serverMessage: string; retryAfterSeconds?: number }) {
    super('HTTP', `${fields.url} answered ${fields.status}${fields.serverMessage ? `: ${fields.serverMessage}` : ''}`);
    this.status = fields.status;
    this.url = fields.url;
    this.serverMessage = fields.serverMessage;
    this.retryAfterSeconds = fields.retryAfterSeconds;
  }
}

/**
 * The connection broke after the response had begun (reset, or closed in the
 * middle of a chunked body): what arrived before stays with the caller.
 */
export class StreamClosedError extends ConchError {
  override name = 'StreamClosedError';
  readonly url: string;
  /** The system's or the HTTP client's error code (ECONNRESET, UND_ERR_SOCKET, ...) when known. */
  readonly reason: string;

  constructor(url: string, reason: string, options?: { cause?: unknown }) {
    super('STREAM_CLOSED', `${url}: the connection closed before the response ended (${reason})`, options);
    this.url = url;
    this.reason = reason;
  }
}

/** Where a connection failed: at the proxy, at the server's certificate, or anywhere else on the way to the server. */
export type ConnectStage = 'proxy' | 'certificate' | 'server';

/** No connection: refused, unknown host, TLS failure, reset before a response. */
export class ConnectError extends ConchError {
  override name = 'ConnectError';
  readonly url: string;
  /** The system's error code (ECONNREFUSED, ENOTFOUND, ...) when known. */
  readonly reason: string;
  readonly stage: ConnectStage;
  /** The proxy the request went through, credentials left out; absent when it went direct. */
  readonly proxy: string | undefined;
  /** The proxy's answer to CONNECT when it refused to open the tunnel (403, 407, ...). */
  readonly proxyStatus: number | undefined;

  constructor(url: string, reason: string, options?: { cause?: unknown; stage?: ConnectStage; proxy?: string; proxyStatus?: number }) {
    const through = options?.proxy ? ` through the proxy ${options.proxy}` : '';
    super('CONNECT', `cannot connect to ${url}${through} (${options?.proxyStatus ?? reason})`, options);
    this.url = url;
    this.reason = reason;
    this.stage = options?.stage ?? 'server';
    this.proxy = options?.proxy;
    this.proxyStatus = options?.proxyStatus;
  }
}

export type TimeoutKind = 'connect' | 'idle' | 'stall' | 'overall';

/**
 * connect: no response headers in time; idle: no bytes at all; stall: bytes,
 * but only keepalive comments; overall: the whole request took too long.
 */
export class TimeoutError extends ConchError {
  override name = 'TimeoutError';
  readonly kind: TimeoutKind;
  readonly ms: number;
  readonly url: string;
  /** A connect timeout through a proxy (its URL without credentials): the proxy took the connection and never answered. */
  readonly proxy: string | undefined;

  constructor(kind: TimeoutKind, ms: number, url: string, proxy?: string) {
    super('TIMEOUT', `${url}: ${kind} timeout after ${ms} ms${proxy ? ` through ${proxy}` : ''}`);
    this.kind = kind;
    this.ms = ms;
    this.url = url;
    this.proxy = proxy;
  }
}

/** One event grew past the size limit: an error, not an out-of-memory crash. */
export class EventTooLargeError extends ConchError {
  override name = 'EventTooLargeError';
  readonly limit: number;

  constructor(limit: number) {
    super('EVENT_TOO_LARGE', `a server-sent event exceeded ${limit} bytes`);
    this.limit = limit;
  }
}
