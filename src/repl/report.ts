import type { Job, RunOutcome } from '../executor/index.ts';

/** Signals after which a shell says nothing: the person caused them, or they are routine. */
const QUIET_SIGNALS = new Set(['SIGINT', 'SIGPIPE']);

/** The line shown after a command (if any) and the status it leaves. */
export function describeOutcome(outcome: RunOutcome): { message?: string; status: number } {
  if (outcome.kind === 'stopped') {
    return { message: `[${outcome.job.id}]+  Stopped                 ${outcome.job.line}`, status: 148 };
  }
  const { status, signal } = outcome.record;
  if (signal && !QUIET_SIGNALS.has(signal)) return { message: `conch: terminated by ${signal}`, status };
  return { status };
}

/** `jobs` output in bash's shape: `[1]+  Stopped                 vim notes.md`. */
export function formatJobs(jobs: readonly Job[]): string {
  return jobs
    .map((job, index) => {
      const mark = index === jobs.length - 1 ? '+' : index === jobs.length - 2 ? '-' : ' ';
      const state = job.state === 'stopped' ? 'Stopped' : 'Running';
      return `[${job.id}]${mark}  ${state.padEnd(24)}${job.line}${job.state === 'running' ? ' &' : ''}`;
    })
    .join('\n');
}
