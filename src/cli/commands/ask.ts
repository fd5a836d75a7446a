import { chatStream, describeModelError, listModels, type ChatMessage } from '../../broker/index.ts';
import { cleanLine } from '../../render/sanitize.ts';
import { isConchError } from '../../errors.ts';
import { createMarkdownRenderer, renderFooter } from '../../render/index.ts';
import { HttpError } from '../../sse/index.ts';
import type { CliIo } from '../io.ts';
import { parseOptions } from './parse-options.ts';
import { pickPreset } from './pick-preset.ts';

const USAGE = 'usage: conch ask [--preset P] [--model M] [--base-url U] QUESTION...';
/** Piped input beyond this is cut, with a note to the model. */
const MAX_STDIN = 512 * 1024;

/**
 * `conch ask`: one question, streamed. With stdout not a terminal it prints
 * exactly the answer text, so it composes in pipes; piped stdin is context.
 */
export async function runAskCommand(args: string[], io: CliIo): Promise<number> {
  const { options, words, error } = parseOptions(args, ['preset', 'model', 'base-url']);
  if (error || (words.length === 0 && io.stdin.isTTY)) {
    io.stderr.write(`conch ask: ${error ?? 'no question given'}\n${USAGE}\n`);
    return 2;
  }
  const piped = io.stdin.isTTY ? '' : await readInput(io.stdin);
  const question = words.join(' ').trim();
  let preset;
  let config;
  try {
    ({ preset, config } = await pickPreset(io.env, { preset: options.preset, model: options.model, baseUrl: options['base-url'] }, io.signal));
  } catch (caught) {
    if (!isConchError(caught)) throw caught;
    io.stderr.write(`conch: ${caught.message}\n`);
    return 1;
  }

  const tty = Boolean(io.stdout.isTTY);
  const color = tty && !io.env.NO_COLOR;
  // On a terminal the answer is rendered as markdown, reasoning dimmed; into a pipe it is exactly the text.
  const renderer = tty
    ? createMarkdownRenderer({ write: (text) => void io.stdout.write(text), width: () => io.stdout.columns || 80, color, showReasoning: config.showReasoning })
    : undefined;
  try {
    const result = await chatStream(preset, askMessages(question, piped), {
      onDelta: (text) => (renderer ? renderer.delta(text) : void io.stdout.write(text)),
      onReasoning: (text) => renderer?.reasoning(text),
      onRetry: ({ delayMs, error: retryError }) => {
        if (tty) io.stderr.write(`retrying in ${(delayMs / 1000).toFixed(1)} s: ${cleanLine(describeModelError(retryError, preset))}\n`);
      },
    }, { signal: io.signal });
    if (renderer) {
      if (result.aborted) renderer.interrupted();
      else renderer.end();
    } else if (result.content !== '' && !result.content.endsWith('\n')) io.stdout.write('\n');
    if (result.aborted) return 130;
    if (tty) {
      const { ttftMs, tokensPerSecond, totalMs } = result.timings;
      const tokens = result.usage?.completionTokens;
      const footer = { preset: preset.name, model: preset.model, totalMs, color };
      io.stderr.write(`${renderFooter({ ...footer, ...(tokens !== undefined ? { completionTokens: tokens } : {}), ...(tokensPerSecond !== undefined ? { tokensPerSecond } : {}), ...(ttftMs !== undefined ? { ttftMs } : {}) })}\n`);
    }
    return 0;
  } catch (caught) {
    if (!isConchError(caught)) throw caught;
    const models = caught instanceof HttpError && caught.status === 404 ? await listModels(preset, { timeoutMs: 2000 }).catch(() => []) : undefined;
    io.stderr.write(`conch: ${cleanLine(describeModelError(caught, preset, models))}\n`);
    return 1;
  }
}

function askMessages(question: string, piped: string): ChatMessage[] {
  const system: ChatMessage = {
    role: 'system',
    content: 'You answer questions from a terminal user. Be concise and direct. Put shell commands in fenced ```sh blocks.',
  };
  if (!piped) return [system, { role: 'user', content: question }];
  const input = piped.length > MAX_STDIN ? `${piped.slice(0, MAX_STDIN)}\n[input cut at ${MAX_STDIN} bytes]` : piped;
  const prompt = question || 'Explain this input.';
  return [system, { role: 'user', content: `${prompt}\n\nInput (piped to the command):\n\`\`\`\n${input}\n\`\`\`` }];
}

async function readInput(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk);
    if (size < MAX_STDIN + 1) chunks.push(buffer);
    size += buffer.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}
