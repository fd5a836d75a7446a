import type { Readable } from 'node:stream';
import type { Excerpt } from '../../app/index.ts';

/**
 * How much piped input conch reads before it stops waiting for the end:
 * 64 MiB. Far more than any model is sent (a 128k-token window holds about
 * 0.5 MB of text; the reader keeps at most 1 MiB at each end), so a finite
 * input up to that size (a long build log, a big diff) is read to its end and
 * its last lines, where the error usually is, are kept. An input that goes on
 * past it (`yes`, `cat /dev/urandom`, a log growing fast) is cut to the same
 * request anyway, and reading 64 MiB from a pipe costs about 0.1 s
 * (bench/piped-cap.ts), so an endless input returns at once.
 */
export const MAX_PIPED_BYTES = 64 * 1024 * 1024;

/** Piped input as read: its first and last lines, and whether conch stopped before it ended. */
export interface PipedInput extends Excerpt {
  /** Reading stopped at `maxBytes` (or on Ctrl-C): more followed that was never read; `tail` ends with a line saying so. */
  unread: boolean;
}

/**
 * Piped input, read up to `maxBytes` but held only up to `keepBytes` at each
 * end: `cat huge.log | conch ask …` costs bounded memory, and the lines in
 * between are counted, so the model is told how much it does not see. At
 * `maxBytes` reading stops without waiting for the end (`yes | conch ask`
 * returns), and the tail says the input went on. The signal stops the read
 * too (Ctrl-C while a writer never ends).
 */
export async function readPiped(stream: NodeJS.ReadableStream, options: { keepBytes?: number; maxBytes?: number; signal?: AbortSignal } = {}): Promise<PipedInput> {
  const keepBytes = options.keepBytes ?? 1024 * 1024;
  const maxBytes = options.maxBytes ?? MAX_PIPED_BYTES;
  const head: Buffer[] = [];
  let headSize = 0;
  const tail: Buffer[] = [];
  let tailSize = 0;
  let droppedNewlines = 0;
  let dropped = false;
  let read = 0;
  let unread = false;
  const stop = () => (stream as Partial<Readable>).destroy?.();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of stream) {
      let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (read + buffer.length >= maxBytes) {
        buffer = buffer.subarray(0, maxBytes - read);
        unread = true;
      }
      read += buffer.length;
      if (headSize < keepBytes) {
        const taken = buffer.subarray(0, keepBytes - headSize);
        head.push(taken);
        headSize += taken.length;
        buffer = buffer.subarray(taken.length);
      }
      if (buffer.length > 0) {
        tail.push(buffer);
        tailSize += buffer.length;
        while (tailSize - (tail[0]?.length ?? 0) >= keepBytes) {
          const gone = tail.shift()!;
          tailSize -= gone.length;
          droppedNewlines += newlines(gone);
          dropped = true;
        }
      }
      // Leaving the loop closes the stream: the writer gets SIGPIPE, as `head` gives it.
      if (unread) break;
    }
  } catch (error) {
    if (!options.signal?.aborted) throw error;
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
  unread ||= Boolean(options.signal?.aborted);
  const excerpt = cutToLines(Buffer.concat(head), Buffer.concat(tail), dropped ? droppedNewlines : undefined, unread);
  return unread ? { ...excerpt, tail: `${excerpt.tail}${NOT_READ}\n`, unread } : { ...excerpt, unread };
}

/** The line that ends an input conch stopped reading, for the model to see. */
const NOT_READ = '[… the input went on; conch stopped reading it here …]';

/**
 * Whole lines only at both ends: the broken ones join the cut. With no
 * newline in the tail, all of it is one broken line. `droppedNewlines` is
 * undefined when nothing was dropped between head and tail; then the text is
 * whole, unless it was not read to its end, when its last broken line goes.
 */
function cutToLines(headBytes: Buffer, tailBytes: Buffer, droppedNewlines: number | undefined, unread: boolean): Excerpt {
  if (droppedNewlines === undefined) {
    const all = Buffer.concat([headBytes, tailBytes]);
    if (!unread) return { head: all.toString('utf8'), tail: '', cutLines: 0 };
    const end = all.lastIndexOf(0x0a) + 1;
    return { head: all.subarray(0, end).toString('utf8'), tail: '', cutLines: end < all.length ? 1 : 0 };
  }
  const headEnd = headBytes.lastIndexOf(0x0a) + 1;
  const tailStart = tailBytes.indexOf(0x0a) + 1;
  const cutTail = tailStart > 0 ? tailBytes.subarray(0, tailStart) : tailBytes;
  // When the read stopped mid-line, the tail's last broken line is cut too.
  const tailEnd = unread ? tailBytes.lastIndexOf(0x0a) + 1 : tailBytes.length;
  const keptTail = tailStart > 0 && tailEnd > tailStart ? tailBytes.subarray(tailStart, tailEnd) : Buffer.alloc(0);
  const cutLines = newlines(headBytes.subarray(headEnd)) + droppedNewlines + newlines(cutTail) + (tailStart > 0 ? 0 : 1) + (unread && tailEnd < tailBytes.length && tailStart > 0 ? 1 : 0);
  return { head: headBytes.subarray(0, headEnd).toString('utf8'), tail: keptTail.toString('utf8'), cutLines };
}

function newlines(buffer: Buffer): number {
  let count = 0;
  for (let i = buffer.indexOf(0x0a); i >= 0; i = buffer.indexOf(0x0a, i + 1)) count++;
  return count;
}
