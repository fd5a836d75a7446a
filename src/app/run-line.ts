import type { CommandRecord, ShellExit, ShellSession, Terminal } from '../shell/index.ts';

/** What came of a line typed at the prompt; no prose: the UI words it. */
export type LineOutcome =
  | {
      kind: 'ran';
      /** One per command the shell ran (none for an empty line or a comment). */
      records: CommandRecord[];
      /** `$?` afterwards. */
      status: number;
      /** The whole construct as typed, continuation lines included: what history keeps. */
      text: string;
    }
  /** Ctrl-C (or end of input) at a continuation prompt: the shell dropped the construct, nothing ran. */
  | { kind: 'cancelled'; status: number; text: string }
  | { kind: 'shell-exited'; exit: ShellExit };

export interface RunLineInput {
  shell: ShellSession;
  text: string;
  terminal: Terminal;
  /** The next line of a construct the shell says is incomplete (conch's `> ` prompt); undefined cancels it. */
  readContinuation: () => Promise<string | undefined>;
}

/**
 * Runs a typed line in the user's shell. The shell, not conch, decides when a
 * construct is complete: `if`, loops, functions, heredocs and open quotes
 * continue on `> ` until it is, and nothing runs before.
 */
export async function runLine(input: RunLineInput): Promise<LineOutcome> {
  const typed = [input.text];
  const outcome = await input.shell.submit(input.text, input.terminal, {
    readMore: async () => {
      const line = await input.readContinuation();
      if (line !== undefined) typed.push(line);
      return line;
    },
  });
  const text = typed.join('\n');
  switch (outcome.kind) {
    case 'finished':
      return { kind: 'ran', records: outcome.records, status: outcome.status, text };
    case 'cancelled':
      return { kind: 'cancelled', status: outcome.status, text };
    case 'exited':
      return { kind: 'shell-exited', exit: outcome.exit };
  }
}
