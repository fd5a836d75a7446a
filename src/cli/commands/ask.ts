import { randomUUID } from 'node:crypto';
import { askQuestion, confirmLine, oneShotRequest, withLocalModelOffer, type AnswerRenderer, type Kept } from '../../app/index.ts';
import { dataDir, loadConfig, resolveOrProbe, type Config } from '../../config/index.ts';
import { createConversationLog, redact } from '../../context/index.ts';
import { isConchError } from '../../errors.ts';
import { createMarkdownRenderer } from '../../render/index.ts';
import { afterWaiting, startWaiting, type WaitingIndicator } from '../../render/waiting.ts';
import { describeError, noticeLine } from '../../repl/index.ts';
import type { CliIo } from '../io.ts';
import { processEnv } from '../process-env.ts';
import { parseOptions } from './parse-options.ts';
import { MAX_PIPED_BYTES, readPiped, type PipedInput } from './read-piped.ts';

const USAGE = 'usage: conch ask [--preset P] [--model M] [--base-url U] QUESTION...   (or: … | conch ask [QUESTION...])';

const HELP = `${USAGE}

Asks the model one question and streams the answer; into a pipe, stdout is exactly the answer text.
Piped input goes along, redacted and cut to fit the preset's context (alone, it is the question).

  --preset P     the preset to ask (else CONCH_PRESET, default_preset, or a local server conch finds)
  --model M      the server's name of the model (else CONCH_MODEL, or the preset's)
  --base-url U   the server, up to and including /v1 (else CONCH_BASE_URL, or the preset's)
  -h, --help     show this help`;

/**
 * `conch ask`: one question, streamed, through the same flow as the shell's
 * `?` (redacted, budgeted, logged). With stdout not a terminal it prints
 * exactly the answer text, so it composes in pipes; piped stdin goes along
 * with the question, or is the question when there is none.
 */
export async function runAskCommand(args: string[], io: CliIo): Promise<number> {
  const { options, words, error, help } = parseOptions(args, ['preset', 'model', 'base-url']);
  if (help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (error) return usage(io, error);
  const question = words.join(' ').trim();
  const piped = io.stdin.isTTY ? undefined : await readStdin(io);
  if (io.signal.aborted) return 130;
  const nothingPiped = !piped || (piped.head.trim() === '' && piped.tail.trim() === '');
  if (!question && nothingPiped) return usage(io, 'no question given and nothing piped');

  let config: Config;
  try {
    ({ config } = loadConfig({ env: io.env }));
  } catch (caught) {
    if (!isConchError(caught)) throw caught;
    io.stderr.write(`conch: ${describeError(caught)}\n`);
    return 1;
  }
  const env = processEnv(io.env);
  const tty = Boolean(io.stdout.isTTY);
  const color = tty && !io.env.NO_COLOR;
  // A log that cannot be written never fails the question; it is said once, on stderr.
  const log = createConversationLog({
    dir: dataDir(io.env),
    enabled: config.log.enabled,
    keepDays: config.log.keepDays,
    onWarning: (warning) => void io.stderr.write(`conch: ${describeError(warning)}\n`),
  });
  const conversationId = randomUUID();
  const choice = { preset: options.preset, model: options.model, baseUrl: options['base-url'] };

  const probe = (signal: AbortSignal) => resolveOrProbe(config, choice, io.env, signal);
  const say = (text: string) => void io.stderr.write(text);
  // Up on stderr, at a terminal, from the request until the first text of the answer: a slow server is not a hung conch.
  let waiting: WaitingIndicator | undefined;
  const aside = (line: string) => (waiting ? waiting.print(line) : void io.stderr.write(`${line}\n`));
  const outcome = await askQuestion(
    {
      // At a terminal, nothing configured and no server: the built-in model is offered.
      endpoint: io.stdin.isTTY && io.stderr.isTTY ? withLocalModelOffer(probe, io, { write: say, tty: true, confirm: confirmLine({ stdin: io.stdin, write: say, signal: io.signal }) }) : probe,
      build: (preset) => {
        const built = oneShotRequest({ question, piped: nothingPiped ? undefined : piped, preset, env });
        if (built.pipedCut) io.stderr.write(`${dimOn(io.stderr, io.env)(`conch: ${cutLine(preset.name, built.pipedCut, Boolean(piped?.unread))}`)}\n`);
        return built;
      },
      logQuestion: question ? redact(question, env).text : '(piped input)',
    },
    {
      // On a terminal the answer is rendered as markdown, reasoning dimmed; into a pipe it is exactly the text.
      renderer: (preset) => {
        const renderer = tty
          ? createMarkdownRenderer({ write: (text) => void io.stdout.write(text), width: () => io.stdout.columns || 80, color, showReasoning: config.showReasoning })
          : plainText(io.stdout);
        if (!io.stderr.isTTY) return renderer;
        const stderr = io.stderr;
        waiting = startWaiting({ write: (text) => void stderr.write(text), label: `asking ${preset.name}`, color: !io.env.NO_COLOR, cols: () => stderr.columns || 80 });
        return afterWaiting(renderer, waiting, { reasoningShown: tty && config.showReasoning !== 'hidden' });
      },
      // Asides go to stderr, so stdout stays the answer alone; in a pipe only what must be said is.
      notify: (notice) => {
        if (notice.kind === 'redacted' && !tty) aside(`conch: ${notice.count} value${notice.count === 1 ? '' : 's'} redacted before sending`);
        else if (tty) aside(noticeLine(notice, color));
      },
      log: { append: (entry) => log.append({ ...entry, id: randomUUID(), conversationId }) },
      signal: io.signal,
    },
  );
  if (outcome.kind === 'failed') io.stderr.write(`conch: ${describeError(outcome.error, outcome.preset, outcome.models)}\n`);
  return outcome.status;
}

/** How long piped input may go on before conch says it is still waiting for the end (at a terminal). */
const STILL_READING_MS = 2000;

/**
 * Piped stdin, read up to the cap. An input that has not ended after a
 * moment is said to be still read, once, when a person is watching: `tail -f`
 * never ends, and neither silence nor a size says it is done.
 */
async function readStdin(io: CliIo): Promise<PipedInput> {
  const timer = io.stderr.isTTY
    ? setTimeout(() => {
        io.stderr.write(`${dimOn(io.stderr, io.env)('conch: the piped input has not ended yet; still reading it (for a stream that never ends, such as tail -f, pipe a part: tail -n 200 FILE | conch ask …); Ctrl-C cancels')}\n`);
      }, STILL_READING_MS)
    : undefined;
  try {
    return await readPiped(io.stdin, { signal: io.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** The one line that says piped input was cut, and what of it the model sees. */
function cutLine(preset: string, kept: Kept, unread: boolean): string {
  // An input read only in part ends with a line saying so, which is not the input's.
  const tail = unread && kept.unit === 'lines' ? Math.max(0, kept.tail - 1) : kept.tail;
  const of = unread && kept.unit === 'lines' ? kept.of - 1 : kept.of;
  const ends = tail > 0 ? `the first ${kept.head} and last ${tail} ${kept.unit}` : `the first ${kept.head} ${kept.unit}`;
  if (!unread) return `piped input cut to fit ${preset}'s context: kept ${ends} of ${of}`;
  return `piped input cut at ${MAX_PIPED_BYTES / 1024 / 1024} MiB (it went on; conch reads no more) and to fit ${preset}'s context: kept ${ends} of the ${of} read`;
}

/** Dim text for a terminal that shows colour; plain otherwise. */
function dimOn(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): (text: string) => string {
  return stream.isTTY && !env.NO_COLOR ? (text) => `\x1b[2m${text}\x1b[0m` : (text) => text;
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`conch ask: ${message}\n${USAGE}\n`);
  return 2;
}

/** The answer's text as it came, with a final newline; no reasoning, no decoration. */
function plainText(stdout: NodeJS.WritableStream): AnswerRenderer {
  let last = '\n';
  const end = () => {
    if (last !== '\n') stdout.write('\n');
    last = '\n';
  };
  return {
    delta(text) {
      if (text === '') return;
      stdout.write(text);
      last = text.at(-1)!;
    },
    reasoning() {},
    end,
    interrupted: end,
  };
}
