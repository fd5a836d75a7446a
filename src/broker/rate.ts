/**
 * A rate needs this many tokens after the first: over fewer, one late token
 * halves it or doubles it.
 */
const MIN_TOKENS = 10;

/**
 * Measured from when deltas arrive, a rate also needs this long: an answer
 * that came in a few reads (a proxy that buffers the stream, a server that
 * ignores `stream: true`, a cached reply) measures the network, and shows as
 * tens of thousands of tokens a second.
 */
const MIN_ARRIVAL_MS = 250;

/**
 * Completion tokens per second over the time from the first token to the
 * last, or undefined when that cannot mean much. `clock` says where the time
 * came from: the engine's own generation timer, or the arrival of deltas.
 */
export function tokensPerSecond(tokens: number, generationMs: number | undefined, clock: 'engine' | 'arrival'): number | undefined {
  if (generationMs === undefined || generationMs <= 0 || tokens - 1 < MIN_TOKENS) return undefined;
  if (clock === 'arrival' && generationMs < MIN_ARRIVAL_MS) return undefined;
  return ((tokens - 1) * 1000) / generationMs;
}
