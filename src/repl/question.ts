import { chatStream, describeModelError, listModels } from '../broker/index.ts';
import { isConchError } from '../errors.ts';
import type { ShellSession } from '../shell/index.ts';
import { createMarkdownRenderer, extractShellCommands, renderFooter } from '../render/index.ts';
import { HttpError } from '../sse/index.ts';
import { messagesFor } from './ask-context.ts';
import type { ModelSession } from './model-session.ts';
import type { Terminal } from './terminal.ts';

export interface QuestionOptions {
  text: string;
  /** `??`: explain what went wrong with the last command. */
  explainLast: boolean;
  terminal: Terminal;
  shellSession: ShellSession;
  session: ModelSession;
  shell: string;
  color: boolean;
  say: (text: string) => void;
}

export interface QuestionOutcome {
  status: number;
  /** Shell commands proposed in the answer, in order; the first goes into the next prompt, unrun. */
  commands: string[];
}

/**
 * One question to the active preset: context built from the command records
 * (redacted), the answer streamed as markdown, Ctrl-C stopping it at once.
 */
export async function askQuestion(options: QuestionOptions): Promise<QuestionOutcome> {
  const { terminal, shellSession, session, say } = options;
  const dim = (text: string) => (options.color ? `\x1b[2m${text}\x1b[0m` : text);
  const controller = new AbortController();
  // Raw mode: Ctrl-C arrives as a byte, not a signal.
  const stopListening = terminal.onInput((data) => {
    if (data.includes(0x03)) controller.abort();
  });
  let preset;
  try {
    preset = await session.endpoint(controller.signal);
  } catch (error) {
    stopListening();
    if (!isConchError(error)) throw error;
    say(`conch: ${error.message}`);
    return { status: 1, commands: [] };
  }

  const built = messagesFor({ question: options.text, explainLast: options.explainLast, preset, shellSession, session, shell: options.shell });
  if (built.redactions > 0) say(dim(`(${built.redactions} secret${built.redactions === 1 ? '' : 's'} redacted before sending)`));

  const renderer = createMarkdownRenderer({
    write: (text) => terminal.write(text),
    width: () => terminal.size().cols,
    color: options.color,
    showReasoning: session.config.showReasoning,
  });
  try {
    const result = await chatStream(preset, built.messages, { onDelta: (t) => renderer.delta(t), onReasoning: (t) => renderer.reasoning(t) }, { signal: controller.signal });
    if (result.aborted) renderer.interrupted();
    else renderer.end();
    say(
      renderFooter({
        preset: preset.name,
        model: preset.model,
        ...(result.usage?.completionTokens !== undefined ? { completionTokens: result.usage.completionTokens } : {}),
        ...(result.timings.tokensPerSecond !== undefined ? { tokensPerSecond: result.timings.tokensPerSecond } : {}),
        ...(result.timings.ttftMs !== undefined ? { ttftMs: result.timings.ttftMs } : {}),
        totalMs: result.timings.totalMs,
        color: options.color,
      }),
    );
    const question = built.messages[built.messages.length - 1]?.content ?? options.text;
    const answer = result.aborted ? `${result.content}\n[interrupted]` : result.content;
    session.conversation.push({ role: 'user', content: question }, { role: 'assistant', content: answer });
    session.record({
      preset: preset.name,
      model: preset.model,
      question: options.explainLast ? `??${options.text ? ` ${options.text}` : ''}` : options.text,
      context: built.messages,
      answer: result.content,
      interrupted: result.aborted,
      ...(result.usage ? { usage: { ...(result.usage.promptTokens !== undefined ? { promptTokens: result.usage.promptTokens } : {}), ...(result.usage.completionTokens !== undefined ? { completionTokens: result.usage.completionTokens } : {}) } } : {}),
      timings: {
        ...(result.timings.ttftMs !== undefined ? { ttftMs: result.timings.ttftMs } : {}),
        totalMs: result.timings.totalMs,
        ...(result.timings.tokensPerSecond !== undefined ? { tokensPerSecond: result.timings.tokensPerSecond } : {}),
      },
    });
    return { status: result.aborted ? 130 : 0, commands: result.aborted ? [] : extractShellCommands(result.content) };
  } catch (error) {
    renderer.end();
    if (!isConchError(error)) throw error;
    const models = error instanceof HttpError && error.status === 404 ? await listModels(preset, { timeoutMs: 2000 }).catch(() => []) : undefined;
    say(`conch: ${describeModelError(error, preset, models)}`);
    return { status: 1, commands: [] };
  } finally {
    stopListening();
  }
}
