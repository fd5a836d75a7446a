/** The user's real terminal (already raw), as a command sees it. */
export interface Terminal {
  write(data: string | Uint8Array): void;
  onInput(listener: (data: Buffer) => void): () => void;
  size(): { cols: number; rows: number };
  onResize(listener: () => void): () => void;
}

/** What persists from one line to the next. */
export interface ShellState {
  cwd: string;
  env: Record<string, string>;
}

/** What a command left behind, for the model to see. */
export interface CommandRecord {
  id: number;
  line: string;
  cwd: string;
  /** Epoch milliseconds. */
  startedAt: number;
  durationMs: number;
  /** The exit code, or 128+N when killed by signal N. */
  status: number;
  /** The signal's name (`SIGTERM`) when the command was killed by one. */
  signal?: string;
  /** The plain text a person saw: escape sequences interpreted, not merely stripped. */
  output: string;
  outputTruncated: boolean;
  /** The command used the alternate screen; its output is not captured. */
  fullscreen: boolean;
}

export interface Job {
  id: number;
  line: string;
  state: 'stopped' | 'running';
}

export type RunOutcome = { kind: 'exited'; record: CommandRecord } | { kind: 'stopped'; job: Job };

export interface ExecutorOptions {
  /** The shell that runs each line: /bin/sh, bash, zsh (any POSIX shell). */
  shell: string;
  cwd: string;
  env: Record<string, string>;
  /** Output kept per command for the model. @default { maxLines: 2000, maxBytes: 262144 } */
  capture?: { maxLines: number; maxBytes: number };
  /** Records kept in memory. @default 50 */
  recordLimit?: number;
  /**
   * False for `conch -c` and scripts whose output is not a terminal: no CRLF
   * translation, no echo, and commands reading stdin see end-of-file.
   * @default true
   */
  interactive?: boolean;
}
