/** What a failed npm run said about why, read from its output line by line. */
export interface NpmFailure {
  /** The first line of npm's error report that names the cause: `404 Not Found - GET …`, `FetchError: … ECONNREFUSED …`, `Error: EACCES: …`. */
  cause: string | undefined;
  /** npm's debug log of the run, when it says where it wrote one. */
  logFile: string | undefined;
}

/** npm 10+ writes `npm error`, older releases `npm ERR!`. */
const ERROR_LINE = /^npm (?:error|ERR!)(?: (.*))?$/;
const LOG_LINE = /^A complete log of this run can be found in:\s*(.*)$/;
/**
 * Lines of the report that are not the cause: its fields (`code E404`,
 * `errno -13`), a stack or object dump (indented, braces), blank lines, a
 * bare status (`404`) and the footer about the log.
 */
const NOT_THE_CAUSE = /^(?:code|syscall|errno|path|dest|type|signal|command|cwd)\b|^\s|^[{}]|^\d*$|^Log files were not written/;

/**
 * Reads npm's output as it comes. npm ends every failure with the debug
 * log's path, the line a person sees last and the one that says least; the
 * cause (ECONNREFUSED, ENOTFOUND, E404, EACCES) comes earlier in the report.
 */
export function createNpmFailureReader(): { line(text: string): void; readonly failure: NpmFailure } {
  let cause: string | undefined;
  let logFile: string | undefined;
  let logOnNextLine = false;
  return {
    line(text) {
      const match = ERROR_LINE.exec(text.trimEnd());
      if (!match) return;
      const rest = match[1] ?? '';
      // Older npm puts the path on the line after the sentence.
      if (logOnNextLine) {
        logOnNextLine = false;
        if (rest.trim() !== '') logFile ??= rest.trim();
        return;
      }
      const log = LOG_LINE.exec(rest);
      if (log) {
        if (log[1]) logFile ??= log[1];
        else logOnNextLine = true;
        return;
      }
      if (cause === undefined && !NOT_THE_CAUSE.test(rest)) cause = rest.trim();
    },
    get failure() {
      return { cause, logFile };
    },
  };
}
