import { ConchError } from '../errors.ts';

/**
 * The server reported an error in its own words, inside a 200 response: an
 * error object in a chunk, `event: error`, llama-server's `error:` field, a
 * bare JSON error line (Ollama), finish_reason "error" (OpenRouter).
 */
export class ProviderError extends ConchError {
  override name = 'ProviderError';
  readonly url: string;
  readonly providerMessage: string;
  /** The answer's text that arrived before the error (already shown). */
  readonly partial: string;

  constructor(url: string, providerMessage: string, partial = '') {
    super('PROVIDER', `${url}: ${providerMessage}`);
    this.url = url;
    this.providerMessage = providerMessage;
    this.partial = partial;
  }
}

/**
 * The answer stopped part-way: the connection closed (mid-event, or with
 * neither finish_reason nor [DONE]), or, once text had arrived, a timeout or
 * an oversized event ended it (`cause`, the transport's error).
 */
export class StreamCutError extends ConchError {
  override name = 'StreamCutError';
  readonly url: string;
  readonly partial: string;

  constructor(url: string, partial: string, options?: { cause?: unknown }) {
    super('STREAM_CUT', `${url}: the stream ended before the answer was finished`, options);
    this.url = url;
    this.partial = partial;
  }
}

/** A whole event whose data is not JSON (nor [DONE], nor a heartbeat). */
export class BadChunkError extends ConchError {
  override name = 'BadChunkError';
  readonly url: string;
  readonly excerpt: string;
  readonly partial: string;

  constructor(url: string, data: string, partial = '') {
    super('BAD_CHUNK', `${url}: the server sent something that is not a JSON chunk: ${data.slice(0, 80)}`);
    this.url = url;
    this.excerpt = data.slice(0, 80);
    this.partial = partial;
  }
}

/**
 * A 200 response that is no chat completion: an HTML page (a captive portal, a
 * proxy's login page), plain text, JSON of another shape, or a stream of lines
 * that are not server-sent events.
 */
export class UnexpectedBodyError extends ConchError {
  override name = 'UnexpectedBodyError';
  readonly url: string;
  /** As the server declared it; '' when it declared none. */
  readonly contentType: string;
  /** A short plain-text excerpt of what came instead. */
  readonly excerpt: string;

  constructor(url: string, contentType: string, excerpt: string) {
    super('UNEXPECTED_BODY', `${url}: the response (${contentType || 'no content type'}) is not a chat completion: ${excerpt}`);
    this.url = url;
    this.contentType = contentType;
    this.excerpt = excerpt;
  }
}

/** The text of the answer that was shown before `error` ended it; '' when none was. */
export function answerSoFar(error: unknown): string {
  return error instanceof ProviderError || error instanceof StreamCutError || error instanceof BadChunkError ? error.partial : '';
}
