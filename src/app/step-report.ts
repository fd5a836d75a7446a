import type { CommandRecord } from '../shell/index.ts';
import { redact, type KnownSecret } from '../context/index.ts';
import type { StepReport } from './goal-messages.ts';

/** Why a step did not run, as the model is told. */
export const NOT_RUN = {
  declined: 'The user declined to run this command.',
  stopped: 'Not run: the user stopped the goal (Ctrl-C) at this step.',
  ended: 'Not run: the goal ended before this step.',
  limit: 'Not run: the step limit was reached and the user chose to stop.',
  badCall: 'Not run: run_command needs JSON arguments with a "command" string.',
} as const;

export function notRun(why: keyof typeof NOT_RUN): StepReport {
  return { header: NOT_RUN[why], body: '' };
}

/**
 * What the model learns of a command that ran: what ran (when the person
 * edited it first), how it ended, how long it took, where, and the output as
 * a person saw it. Redacted here, so the budget never cuts a secret in two.
 */
export function ranReport(input: { proposed: string; record: CommandRecord; interrupted: boolean; env: Record<string, string>; known: Iterable<KnownSecret> }): { report: StepReport; redactions: number } {
  const { record, env, known } = input;
  let redactions = 0;
  const clean = (text: string) => {
    const result = redact(text, env, known);
    redactions += result.count;
    return result.text;
  };
  const lines: string[] = [];
  if (record.line.trim() !== input.proposed.trim()) lines.push(`The user edited the command before running it; what ran: ${clean(record.line)}`);
  const seconds = `${(record.durationMs / 1000).toFixed(1)} s`;
  const how = input.interrupted
    ? `interrupted by the user (${record.signal ?? `status ${record.status}`}) after ${seconds}; the goal ends here`
    : `exit status ${record.status}${record.signal ? ` (killed by ${record.signal})` : ''}, ${seconds}`;
  const output = record.fullscreen ? '' : clean(record.output.trimEnd());
  const shown = record.fullscreen ? '; a full-screen program, its screen is not kept' : output === '' ? '; no output' : '; output:';
  lines.push(`${how}, in ${clean(record.cwd)}${shown}`);
  const body = output === '' ? '' : `${record.outputTruncated ? '[earlier output was not kept]\n' : ''}${output}`;
  return { report: { header: lines.join('\n'), body }, redactions };
}
