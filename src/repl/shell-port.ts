import type { ShellPort } from '../app/index.ts';
import type { SecretMemory } from '../context/index.ts';
import type { CommandRecord, ShellSession, Terminal } from '../shell/index.ts';

/**
 * The use cases' view of the user's shell session: a step runs in the
 * foreground on the real terminal, as if typed at the prompt, so its `cd` is
 * the user's `cd`. Ctrl-C while it runs reaches the command (SIGINT) and ends
 * it: that is an interrupted step.
 */
export function sessionShell(session: ShellSession, terminal: Terminal, memory: SecretMemory): ShellPort {
  return {
    async run(line, options = {}) {
      const startedAt = Date.now();
      const outcome = await session.run(line, terminal, options);
      // What the step set is known before its output is reported.
      memory.rememberNamed(session.secretValues());
      switch (outcome.kind) {
        case 'finished':
          return { kind: outcome.record.signal === 'SIGINT' ? 'interrupted' : 'finished', record: outcome.record };
        case 'interrupted':
          return outcome;
        case 'incomplete':
          return { kind: 'finished', record: notRun(line, session.cwd, startedAt, 2, 'the shell found the command incomplete (an open quote, block or here-document); nothing ran') };
        case 'exited':
          return { kind: 'interrupted', record: notRun(line, session.cwd, startedAt, outcome.exit.status, 'the shell itself ended') };
      }
    },
    records: () => session.records,
    cwd: () => session.cwd,
    env: () => ({ ...session.env }),
    secrets: () => memory,
  };
}

/** What the model is told of a step that left no record of its own. */
function notRun(line: string, cwd: string, startedAt: number, status: number, output: string): CommandRecord {
  return { id: 0, line, cwd, startedAt, durationMs: Date.now() - startedAt, status, output, outputTruncated: false, fullscreen: false };
}
