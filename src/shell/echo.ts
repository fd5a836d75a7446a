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

export interface EchoFilterOptions {
  /**
   * Output that comes before the echo has begun (a job notice, a background job's line, racing the
   * keys conch typed) passes, and the echo is still looked for after it. Only where a mark ends the
   * wait (bash, zsh: the command mark); sh has none, so its first other byte ends the filter.
   */
  waitPastOutput?: boolean;
}

// What the terminal echoes when ^U erases a character of a partial line left in its buffer.
const ERASE = Buffer.from('\b \b');

export function createEchoFilter(expected: Buffer, options: EchoFilterOptions = {}): EchoFilter {
  let matched = 0;
  let erasing = 0;
  let done = expected.length === 0;
  return {
    get done() {
      return done;
    },
    push(data) {
      if (done) return data;
      const passed: number[] = [];
      // One byte against the echo; false once the filter gives up (the rest of `data` passes as it is).
      const feed = (byte: number): boolean => {
        if (byte === expected[matched]) {
          matched++;
          return true;
        }
        if (!options.waitPastOutput) return false;
        if (matched === 0) {
          passed.push(byte);
          return true;
        }
        // Output that began like the echo: its first byte passes, the rest is matched again.
        const replay = [...expected.subarray(1, matched), byte];
        passed.push(expected[0]!);
        matched = 0;
        return replay.every(feed);
      };
      for (let i = 0; i < data.length; i++) {
        const byte = data[i]!;
        // The ^U before the line erased keys typed ahead that the shell could not take back (no echoed line starts with a backspace).
        if (matched === 0 && byte === ERASE[erasing] && (erasing > 0 || byte === 0x08)) {
          erasing = (erasing + 1) % ERASE.length;
          continue;
        }
        if (erasing > 0 && matched === 0) {
          passed.push(...ERASE.subarray(0, erasing));
          erasing = 0;
        }
        if (!feed(byte)) {
          done = true;
          return Buffer.concat([Buffer.from(passed), ERASE.subarray(0, erasing), expected.subarray(0, matched), data.subarray(i)]);
        }
        if (matched === expected.length) {
          done = true;
          return Buffer.concat([Buffer.from(passed), data.subarray(i + 1)]);
        }
      }
      return Buffer.from(passed);
    },
    flush() {
      if (done) return Buffer.alloc(0);
      done = true;
      return Buffer.from(expected.subarray(0, matched));
    },
  };
}
