import type { Excerpt } from '../../app/index.ts';

/**
 * Piped input, read to its end but held only up to `keepBytes` at each end:
 * `cat huge.log | conch ask …` costs bounded memory, and the lines in between
 * are counted, so the model is told how much it does not see.
 */
export async function readPiped(stream: NodeJS.ReadableStream, keepBytes = 1024 * 1024): Promise<Excerpt> {
  const head: Buffer[] = [];
  let headSize = 0;
  const tail: Buffer[] = [];
  let tailSize = 0;
  let droppedNewlines = 0;
  let dropped = false;
  for await (const chunk of stream) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (headSize < keepBytes) {
      const taken = buffer.subarray(0, keepBytes - headSize);
      head.push(taken);
      headSize += taken.length;
      buffer = buffer.subarray(taken.length);
    }
    if (buffer.length === 0) continue;
    tail.push(buffer);
    tailSize += buffer.length;
    while (tailSize - (tail[0]?.length ?? 0) >= keepBytes) {
      const gone = tail.shift()!;
      tailSize -= gone.length;
      droppedNewlines += newlines(gone);
      dropped = true;
    }
  }
  const headBytes = Buffer.concat(head);
  const tailBytes = Buffer.concat(tail);
  if (!dropped) return { head: Buffer.concat([headBytes, tailBytes]).toString('utf8'), tail: '', cutLines: 0 };
  // Whole lines only at both ends: the broken ones join the cut. With no newline in the tail, all of it is one broken line.
  const headEnd = headBytes.lastIndexOf(0x0a) + 1;
  const tailStart = tailBytes.indexOf(0x0a) + 1;
  const cutTail = tailStart > 0 ? tailBytes.subarray(0, tailStart) : tailBytes;
  const cutLines = newlines(headBytes.subarray(headEnd)) + droppedNewlines + newlines(cutTail) + (tailStart > 0 ? 0 : 1);
  return { head: headBytes.subarray(0, headEnd).toString('utf8'), tail: tailBytes.subarray(cutTail.length).toString('utf8'), cutLines };
}

function newlines(buffer: Buffer): number {
  let count = 0;
  for (let i = buffer.indexOf(0x0a); i >= 0; i = buffer.indexOf(0x0a, i + 1)) count++;
  return count;
}
