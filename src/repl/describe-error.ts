import { BadChunkError, ProviderError, StreamCutError, type ModelEndpoint } from '../broker/index.ts';
import { ConnectError, EventTooLargeError, HttpError, TimeoutError } from '../sse/index.ts';

/**
 * The one place a ConchError becomes a sentence a person can act on, for the
 * repl and the cli to print after `conch: `. `endpoint` names the server when
 * the error came from one; `models` is what it offers, when known (for a 404).
 * An error with no special wording says its own message, which is written as
 * a sentence where the fact was known.
 */
export function describeError(error: unknown, endpoint?: Pick<ModelEndpoint, 'name' | 'baseUrl' | 'model' | 'apiKeyEnv'>, models?: readonly string[]): string {
  const url = error instanceof ConnectError || error instanceof HttpError || error instanceof TimeoutError || error instanceof ProviderError ? error.url : undefined;
  const where = endpoint ? `${endpoint.name} (${endpoint.baseUrl})` : (url ?? 'the model server');
  if (error instanceof ConnectError) {
    return `cannot reach ${where}: ${error.reason}; is the server running? (conch models lists what answers)`;
  }
  if (error instanceof TimeoutError) {
    const what = { connect: 'no response', idle: 'no data', stall: 'only keepalives, no tokens', overall: 'the answer took too long' }[error.kind];
    return `${where}: ${error.kind} timeout after ${(error.ms / 1000).toFixed(1)} s (${what})`;
  }
  if (error instanceof HttpError) {
    const message = error.serverMessage ? `: ${error.serverMessage}` : '';
    if (error.status === 401 || error.status === 403) {
      const key = endpoint?.apiKeyEnv ? `$${endpoint.apiKeyEnv}` : 'the API key (CONCH_API_KEY)';
      return `${where} refused the key (${error.status})${message}; check ${key}`;
    }
    if (error.status === 404) {
      const offer = models && models.length > 0 ? `; it offers: ${models.slice(0, 12).join(', ')}${models.length > 12 ? ', …' : ''}` : '';
      return `model '${endpoint?.model ?? '?'}' not found at ${where}${message}${offer}`;
    }
    if (error.status === 429) return `${where} is rate limiting (429)${message}; try again shortly`;
    return `${where} answered ${error.status}${message}`;
  }
  if (error instanceof ProviderError) return `${where} reported an error: ${error.providerMessage}`;
  if (error instanceof StreamCutError) return `${where} stopped mid-answer (no finish reason, no [DONE]); the answer may be incomplete`;
  if (error instanceof BadChunkError) return `${where} sent something that is not an OpenAI-style chunk: ${error.excerpt}`;
  if (error instanceof EventTooLargeError) return `${where} sent an event over ${error.limit} bytes; refusing it`;
  return error instanceof Error ? error.message : String(error);
}
