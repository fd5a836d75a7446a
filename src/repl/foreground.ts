import type { Executor, Job, RunOutcome } from '../executor/index.ts';
import { describeOutcome } from './report.ts';
import type { Terminal } from './terminal.ts';

/** A shell line, or `fg` of a job, in the foreground; undefined when there was nothing to run. */
export async function runForeground(
  executor: Executor,
  route: { kind: 'fg'; jobId?: number } | { kind: 'shell'; line: string },
  terminal: Terminal,
  say: (text: string) => void,
): Promise<RunOutcome | undefined> {
  try {
    if (route.kind === 'shell') return await executor.run(route.line, terminal);
    const job = executor.jobs().find((candidate) => route.jobId === undefined || candidate.id === route.jobId);
    if (!job) {
      say(route.jobId === undefined ? 'conch: fg: no current job' : `conch: fg: %${route.jobId}: no such job`);
      return undefined;
    }
    say(job.line);
    return await executor.foreground(job.id, terminal);
  } catch (error) {
    say(`conch: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** `bg`: the job goes on in the background; undefined (said why) when it cannot. */
export function resumeInBackground(executor: Executor, jobId: number | undefined, say: (text: string) => void): Job | undefined {
  try {
    const job = executor.background(jobId);
    say(`[${job.id}]+ ${job.line} &`);
    return job;
  } catch (error) {
    say(`conch: bg: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** What the person sees after a command: the missing-newline mark, then e.g. `terminated by SIGTERM`; the status it leaves. */
export function showOutcome(outcome: RunOutcome, terminal: Terminal, say: (text: string) => void): number {
  markUnfinishedLine(terminal);
  const { message, status } = describeOutcome(outcome);
  if (message) say(message);
  return status;
}

/**
 * zsh's PROMPT_SP: a reverse-video `%` followed by a line's worth of spaces. If the
 * output ended mid-line the spaces wrap and the `%` stays, marking the missing
 * newline; at column 0 the erase below removes it. No cursor query needed.
 */
function markUnfinishedLine(terminal: Terminal): void {
  const { cols } = terminal.size();
  terminal.write(`\x1b[7m%\x1b[0m${' '.repeat(Math.max(0, cols - 1))}\r\x1b[K`);
}

/** Three or more words, mostly letters, no shell operators: "how do I undo a commit". */
export function readsLikeSentence(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (words.length < 3 || /[|&;<>$`=/]/.test(line)) return false;
  const wordy = words.filter((word) => /^[\p{L}'’,.?!]+$/u.test(word)).length;
  return wordy / words.length >= 0.75;
}
