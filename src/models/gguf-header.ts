import { closeSync, openSync, readSync } from 'node:fs';

/**
 * What the first 8 bytes of a file say: a GGUF model ("GGUF", then a
 * little-endian version 1 to 3), or a description of what is there instead
 * (an HTML error page saved as .gguf, say).
 */
export function readGgufHeader(path: string): { ok: true; version: number } | { ok: false; found: string } {
  const header = Buffer.alloc(8);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 8) return { ok: false, found: `${read} bytes` };
  const magic = header.subarray(0, 4).toString('latin1');
  const version = header.readUInt32LE(4);
  if (magic === 'GGUF' && version >= 1 && version <= 3) return { ok: true, version };
  return { ok: false, found: magic === 'GGUF' ? `GGUF version ${version}` : JSON.stringify(header.subarray(0, 8).toString('latin1').replace(/[^\x20-\x7e]/g, '.')) };
}
