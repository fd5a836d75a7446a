const ESC = 0x1b;

/**
 * Whether output carries text a person would read, not only escape sequences
 * and control bytes. fish redraws its (hidden, empty) editor on its own, with
 * nothing to read in it; a job notice or a background job's output has text.
 */
export function hasVisibleText(data: Buffer): boolean {
  let i = 0;
  while (i < data.length) {
    const byte = data[i]!;
    if (byte === ESC) {
      i = skipEscape(data, i);
      continue;
    }
    if (byte >= 0x20 && byte !== 0x7f) return true;
    i++;
  }
  return false;
}

function skipEscape(data: Buffer, at: number): number {
  const kind = data[at + 1];
  if (kind === undefined) return at + 1;
  if (kind === 0x5b) {
    // CSI: parameters and intermediates, then a final byte in @..~.
    let i = at + 2;
    while (i < data.length && (data[i]! < 0x40 || data[i]! > 0x7e)) i++;
    return i + 1;
  }
  if (kind === 0x5d || kind === 0x50 || kind === 0x5f || kind === 0x5e) {
    // OSC, DCS, APC, PM: a string up to BEL or ST.
    for (let i = at + 2; i < data.length; i++) {
      if (data[i] === 0x07) return i + 1;
      if (data[i] === ESC && data[i + 1] === 0x5c) return i + 2;
    }
    return data.length;
  }
  // Charset designations (ESC ( B) take one more byte; the rest are ESC and one byte.
  if (kind >= 0x20 && kind <= 0x2f) return at + 3;
  return at + 2;
}
