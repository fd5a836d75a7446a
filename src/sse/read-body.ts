import { EventTooLargeError, HttpError } from './errors.ts';

/** Turns an error response's body into the server's own message; the broker passes one that knows its JSON shapes. */
export type BodyDescriber = (text: string, contentType: string) => string;

/**
 * Reads a body as text, calling `onBytes` for every chunk (the caller re-arms
 * its idle timer there, so a body that stalls fails like a stalled stream).
 * Past `limit` bytes it stops: with `overflow: 'cut'` the rest is cancelled and
 * what fits is returned; with 'throw' an EventTooLargeError is thrown.
 */
export async function readText(
  body: ReadableStream<Uint8Array>,
  options: { limit: number; overflow: 'cut' | 'throw'; onBytes?: () => void },
): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= options.limit) {
      const { done, value } = await reader.read();
      if (done) return new TextDecoder().decode(Buffer.concat(chunks));
      options.onBytes?.();
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  if (options.overflow === 'throw') throw new EventTooLargeError(options.limit);
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, options.limit));
}

/**
 * A non-2xx response as an HttpError carrying the server's own message. The
 * body is read by `read`, under the caller's timers: a body that stalls or
 * breaks still gives the error, with the status text as its message.
 */
export async function httpError(
  response: Response,
  url: string,
  read: (body: ReadableStream<Uint8Array>) => Promise<string>,
  describe: BodyDescriber = bodyExcerpt,
): Promise<HttpError> {
  const text = response.body ? await read(response.body).catch(() => '') : '';
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), Date.now());
  return new HttpError({
    status: response.status,
    url,
    serverMessage: describe(text, response.headers.get('content-type') ?? '') || response.statusText,
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  });
}

/** Retry-After is either a number of seconds or an HTTP-date (RFC 9110 §10.2.3); a date in the past means now. */
export function retryAfterSeconds(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** A short plain-text excerpt of a body (HTML tags, scripts and styles removed): for messages about what a server sent. */
export function bodyExcerpt(text: string): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 199)}…` : plain;
}
