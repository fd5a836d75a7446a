/**
 * Drops the terminal's echo of a line conch typed into a canonical-mode shell,
 * and nothing else: bytes pass as soon as they stop matching the expected echo
 * (echo turned off by a program, or a syntax error printed after it).
 */
export interface EchoFilter {
  /** Output in, what is not the echo out. */
  push(data: Buffer): Buffer;
  /** A mark came first: whatever was held back was output after all. */
  flush(): Buffer;
  readonly done: boolean;
}

// What the terminal echoes when ^U erases a character of a partial line left in its buffer.
const ERASE = Buffer.from('\b \b');

export function createEchoFilter(expected: Buffer): EchoFilter {
  let matched = 0;
  let erasing = 0;
  let done = expected.length === 0;
  return {
    get done() {
      return done;
    },
    push(data) {
      if (done) return data;
      for (let i = 0; i < data.length; i++) {
        // The ^U before the line erased keys typed ahead that the shell could not take back (no echoed line starts with a backspace).
        if (matched === 0 && data[i] === ERASE[erasing] && (erasing > 0 || data[i] === 0x08)) {
          erasing = (erasing + 1) % ERASE.length;
          continue;
        }
        if (data[i] !== expected[matched]) {
          done = true;
          return Buffer.concat([ERASE.subarray(0, erasing), expected.subarray(0, matched), data.subarray(i)]);
        }
        matched++;
        if (matched === expected.length) {
          done = true;
          return data.subarray(i + 1);
        }
      }
      return Buffer.alloc(0);
    },
    flush() {
      if (done) return Buffer.alloc(0);
      done = true;
      return Buffer.from(expected.subarray(0, matched));
    },
  };
}
