import type { ChatMessage, ToolCall } from '../broker/index.ts';
import { estimateTokens } from '../context/index.ts';
import { fitText } from './fit-text.ts';

/** What came back from a step: a header that always goes (status, what ran) and output that may shrink. */
export interface StepReport {
  header: string;
  body: string;
}

/** Tokens a chat template adds around each message. */
const PER_MESSAGE = 4;
/** What an older step's output shrinks to before it is left out altogether. */
const SHRUNK = 48;
const LEFT_OUT = '[output left out to fit the context]';

/**
 * A goal's conversation with the model: the opening request, then each turn
 * and each step's report. Every request is budgeted whole to `window`
 * tokens: a report starts at no more than a quarter of it (head and tail
 * kept), and when the list outgrows the window, older reports shrink first,
 * then lose their output (their headers stay: the model still knows what ran
 * and how it ended), and only then the newest is cut further.
 */
export function createGoalMessages(opening: readonly ChatMessage[], window: number) {
  const messages: ChatMessage[] = [...opening];
  const reports: { index: number; report: StepReport; sent?: string }[] = [];
  const fresh = Math.max(SHRUNK * 2, Math.floor(window / 4));

  const render = (report: StepReport, budget: number) => {
    if (report.body === '') return report.header;
    const body = budget <= 0 ? LEFT_OUT : fitText(report.body, budget).text;
    return `${report.header}\n${body}`;
  };
  const cost = (message: ChatMessage) =>
    estimateTokens(message.content ?? '') + (message.tool_calls ? estimateTokens(JSON.stringify(message.tool_calls)) : 0) + PER_MESSAGE;

  return {
    /** An answer with tool calls, or a plain one (the fenced protocol). */
    assistant(content: string, calls: ToolCall[] = []): void {
      messages.push(calls.length > 0 ? { role: 'assistant', content: content || null, tool_calls: calls } : { role: 'assistant', content });
    },
    /** A step's report: a tool message for that call, or (fenced) the next user message. */
    report(report: StepReport, toolCallId?: string): void {
      messages.push(toolCallId !== undefined ? { role: 'tool', tool_call_id: toolCallId, content: '' } : { role: 'user', content: '' });
      reports.push({ index: messages.length - 1, report });
    },
    /** The request to send now: the opening's system prompt followed by `instructions`, everything within the window. */
    request(instructions: string): ChatMessage[] {
      const out = messages.map((message) => ({ ...message }));
      const first = out[0];
      if (first?.role === 'system') first.content = `${first.content ?? ''}\n\n${instructions}`;
      else out.unshift({ role: 'system', content: instructions });
      const offset = out.length - messages.length;
      const budgets = reports.map(() => fresh);
      const place = () => reports.forEach(({ index, report }, i) => (out[index + offset]!.content = render(report, budgets[i]!)));
      const total = () => out.reduce((sum, message) => sum + cost(message), 0);
      place();
      for (const limit of [SHRUNK, 0]) {
        for (let i = 0; i < reports.length - 1 && total() > window; i++) {
          if (budgets[i]! <= limit) continue;
          budgets[i] = limit;
          place();
        }
      }
      const newest = reports.length - 1;
      const over = total() - window;
      if (newest >= 0 && over > 0) {
        budgets[newest] = Math.max(0, budgets[newest]! - over);
        place();
      }
      for (const entry of reports) entry.sent ??= out[entry.index + offset]!.content ?? '';
      return out;
    },
    /** The whole goal for the log: each report as it was first sent (one never sent, as it would have been). */
    transcript(): ChatMessage[] {
      const out = messages.map((message) => ({ ...message }));
      for (const entry of reports) out[entry.index]!.content = entry.sent ?? render(entry.report, fresh);
      return out;
    },
  };
}

export type GoalMessages = ReturnType<typeof createGoalMessages>;
