import type { ShellPort } from '../app/index.ts';
import type { CommandRecord, Executor } from '../executor/index.ts';
import { showOutcome } from './foreground.ts';
import type { Terminal } from './terminal.ts';

/**
 * The use cases' view of the shell, over today's executor: a line runs in the
 * foreground on the real terminal and its outcome is shown as for a typed
 * line. Ctrl-C (SIGINT) or Ctrl-Z interrupts it.
 */
export function executorShell(executor: Executor, terminal: Terminal, say: (text: string) => void): ShellPort {
  return {
    async run(line, options = {}) {
      const startedAt = Date.now();
      const cwd = executor.state.cwd;
      const outcome = await executor.run(line, terminal, options);
      showOutcome(outcome, terminal, say);
      if (outcome.kind === 'stopped') return { kind: 'interrupted', record: stoppedRecord(line, cwd, startedAt) };
      return { kind: outcome.record.signal === 'SIGINT' ? 'interrupted' : 'finished', record: outcome.record };
    },
    records: () => executor.records,
    cwd: () => executor.state.cwd,
    env: () => executor.state.env,
  };
}

/** A stopped job left no record of its own; what the model is told of it. */
function stoppedRecord(line: string, cwd: string, startedAt: number): CommandRecord {
  return { id: 0, line, cwd, startedAt, durationMs: Date.now() - startedAt, status: 148, signal: 'SIGTSTP', output: '', outputTruncated: false, fullscreen: false };
}
