import { ConchError } from '../errors.ts';

/** The provider reported an error inside a 200 stream (error object, `event: error`, finish_reason "error"). */
export class ProviderError extends ConchError {
  override name = 'ProviderError';
  readonly url: string;
  readonly providerMessage: string;

  constructor(url: string, providerMessage: string) {
    super('PROVIDER', `${url}: ${providerMessage}`);
    this.url = url;
    this.providerMessage = providerMessage;
  }
}

/** The stream ended with neither a finish_reason nor [DONE]: the answer may be cut off. */
export class StreamCutError extends ConchError {
  override name = 'StreamCutError';
  readonly url: string;
  readonly partial: string;

  constructor(url: string, partial: string) {
    super('STREAM_CUT', `${url}: the stream ended before the answer was finished`);
    this.url = url;
    this.partial = partial;
  }
}

/** A chunk that is not JSON. */
export class BadChunkError extends ConchError {
  override name = 'BadChunkError';
  readonly url: string;
  readonly excerpt: string;

  constructor(url: string, data: string) {
    super('BAD_CHUNK', `${url}: the server sent something that is not a JSON chunk: ${data.slice(0, 80)}`);
    this.url = url;
    this.excerpt = data.slice(0, 80);
  }
}
