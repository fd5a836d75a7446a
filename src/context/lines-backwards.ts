import { closeSync, fstatSync, readSync } from 'node:fs';
import { openExisting, READ_FLAGS } from '../private-file.ts';

/**
 * The lines of a file, last first, read in chunks from the end: `conch log`
 * and `:resume` want the newest entries, and a log grown over months should
 * cost neither its whole size in memory nor a read to the start when the
 * newest entries are enough. A missing file has no lines; a symlink is
 * refused (ELOOP), as everywhere conch reads its private files.
 */
export function* readLinesNewestFirst(file: string, chunkSize = 64 * 1024): Generator<string> {
  const fd = openExisting(file, READ_FLAGS);
  if (fd === undefined) return;
  try {
    let position = fstatSync(fd).size;
    // Pieces of the line being assembled, in file order; it ends where the previous chunk began.
    let partial: Buffer[] = [];
    while (position > 0) {
      const length = Math.min(chunkSize, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      readSync(fd, chunk, 0, length, position);
      let end = length;
      // Buffer#lastIndexOf counts a negative offset from the end, so stop at 0 by hand.
      for (let i = end > 0 ? chunk.lastIndexOf(0x0a, end - 1) : -1; i >= 0; i = i > 0 ? chunk.lastIndexOf(0x0a, i - 1) : -1) {
        const line = Buffer.concat([chunk.subarray(i + 1, end), ...partial]);
        partial = [];
        if (line.length > 0) yield line.toString('utf8');
        end = i;
      }
      partial.unshift(chunk.subarray(0, end));
    }
    const first = Buffer.concat(partial);
    if (first.length > 0) yield first.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
