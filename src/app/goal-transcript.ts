import type { ChatMessage } from '../broker/index.ts';
import type { ChatMessage as LoggedMessage } from '../context/index.ts';

/** One step of a goal, as the person and the log see it afterwards. */
export interface StepRecord {
  n: number;
  proposed: string;
  reason?: string;
  /** What ran, when something did (the person may have edited it). */
  ran?: string;
  outcome: 'ran' | 'interrupted' | 'declined' | 'stopped' | 'limit';
  status?: number;
  durationMs?: number;
  auto?: boolean;
}

/**
 * A goal told as one answer, for the log and for the next question's memory:
 * each step (what was proposed, what ran and how it ended), then the model's
 * last answer. Plain text, so it stays a valid conversation whatever the
 * server: no tool call is left without its result.
 */
export function goalTranscript(steps: readonly StepRecord[], answer: string): string {
  const lines = steps.map((step) => {
    const edited = step.ran !== undefined && step.ran !== step.proposed ? ` (edited, ran: \`${step.ran}\`)` : '';
    const why = step.reason ? ` — ${step.reason}` : '';
    const how = {
      ran: `exit ${step.status ?? '?'}, ${((step.durationMs ?? 0) / 1000).toFixed(1)} s${step.auto ? ', auto-run' : ''}`,
      interrupted: 'interrupted',
      declined: 'declined',
      stopped: 'not run: goal stopped',
      limit: 'not run: step limit',
    }[step.outcome];
    return `${step.n}. \`${step.proposed}\`${edited}${why} → ${how}`;
  });
  return [lines.length > 0 ? `Steps:\n${lines.join('\n')}` : '', answer.trim()].filter(Boolean).join('\n\n');
}

/** Messages as the log keeps them (role, text): a tool call becomes its text, a tool result a user message naming the call. */
export function loggedMessages(messages: readonly ChatMessage[]): LoggedMessage[] {
  return messages.map((message) => {
    if (message.role === 'tool') return { role: 'user', content: `[result of ${message.tool_call_id ?? 'a tool call'}]\n${message.content ?? ''}` };
    const calls = (message.tool_calls ?? []).map((call) => `[${call.function.name} ${call.id}] ${call.function.arguments}`);
    return { role: message.role, content: [message.content ?? '', ...calls].filter(Boolean).join('\n') };
  });
}
