/** The user's real terminal (already raw), as the shell session sees it. */
export interface Terminal {
  write(data: string | Uint8Array): void;
  /**
   * Keys as typed. A listener gets keys queued before it subscribed too, unless
   * `fresh` (a command being run gets only keys typed while it runs: those typed
   * before belong to conch's next prompt).
   */
  onInput(listener: (data: Buffer) => void, options?: { fresh?: boolean }): () => void;
  size(): { cols: number; rows: number };
  onResize(listener: () => void): () => void;
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

/** The shells conch integrates with; anything else runs only through `-c` and scripts. */
export type ShellKind = 'bash' | 'zsh' | 'fish' | 'sh';

export interface ShellProgram {
  /** As given (`/bin/bash`, `zsh`); spawned as is. */
  path: string;
  kind: ShellKind;
}

/** How the shell process ended: `status` is the exit code, or 128+N for signal N. */
export interface ShellExit {
  status: number;
  /** The signal's name when the shell was killed by one (an unexpected death). */
  signal?: string;
}

/** A value the shell held in a variable whose name looks secret (`*TOKEN*`, `*PASSWORD*`, ...). */
export interface SecretValue {
  name: string;
  value: string;
}

/** `session.run`: a whole command, run as if typed, and what came of it. */
export type RunOutcome =
  | { kind: 'finished'; record: CommandRecord }
  /** The run's signal aborted it: the command was interrupted (Ctrl-C, then SIGTERM, then SIGKILL if it would not stop). */
  | { kind: 'interrupted'; record: CommandRecord }
  /** The shell wanted more lines than the command had (an open `if`, quote or heredoc); nothing ran. */
  | { kind: 'incomplete' }
  /** The shell itself ended (the command was `exit`, `exec`, or the shell died). */
  | { kind: 'exited'; exit: ShellExit };

/** `session.submit`: a typed line (maybe several commands, maybe continued on `> ` prompts). */
export type SubmitOutcome =
  | {
      kind: 'finished';
      /** One per command the shell ran; empty for an empty line or a comment. */
      records: CommandRecord[];
      /** `$?` after the last command. */
      status: number;
    }
  /** Ctrl-C (or end of input) at a continuation prompt: the shell dropped the whole construct. */
  | { kind: 'cancelled'; status: number; records: CommandRecord[] }
  | { kind: 'exited'; exit: ShellExit; records: CommandRecord[] };
