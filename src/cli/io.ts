/** The process's I/O as the cli sees it; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C (SIGINT) for one-shot commands such as `conch ask`. */
  signal: AbortSignal;
  /** How conch was invoked (`process.argv0`): a leading `-` means a login shell. */
  argv0?: string;
}
