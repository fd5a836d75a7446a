import { ProviderError, type ToolCall } from '../broker/index.ts';
import type { ConchError } from '../errors.ts';
import { HttpError } from '../sse/index.ts';

/**
 * How a goal's steps travel: as `run_command` tool calls, or, with servers
 * that take no tools, as one fenced sh block per answer with the output sent
 * back as the next user message.
 */
export type GoalProtocol = 'tools' | 'fenced';

export const RUN_COMMAND_TOOL = {
  type: 'function',
  function: {
    name: 'run_command',
    description:
      "Run one command line in the user's own interactive shell session, once the user confirms it. State persists between steps (cd, exported variables). Returns the exit status, the duration and the output as the user saw it.",
    parameters: {
      type: 'object',
      properties: {
        command: { type: 'string', description: "One command line for the user's shell." },
        reason: { type: 'string', description: 'Why this step, in a few words; shown to the user.' },
      },
      required: ['command', 'reason'],
    },
  },
} as const;

const COMMON = [
  'Goal mode: the user has given you a goal to reach in their shell, one command at a time.',
  'Each command is shown to the user, who may run it, edit it or decline it; it runs in their own shell session, so cd and exports carry over.',
  'Prefer commands that inspect before commands that change anything; never run interactive programs or pagers; keep each command short.',
];

export function goalInstructions(protocol: GoalProtocol): string {
  const how =
    protocol === 'tools'
      ? [
          'Call the run_command tool for each step, with the command and a short reason; you get back its exit status and output.',
          'When the goal is reached, or cannot be reached, answer in a few lines without calling the tool.',
        ]
      : [
          'Each reply: one line saying why, then exactly one fenced ```sh block holding one command. The next user message brings its exit status and output.',
          'When the goal is reached, or cannot be reached, answer in a few lines with no fenced block at all.',
        ];
  return [...COMMON, ...how].join('\n');
}

/**
 * The server cannot take `tools`: llama-server without --jinja ("tools param
 * requires --jinja flag"), Ollama models that "do not support tools", older
 * llama-server builds that "cannot use tools with stream", and the like.
 */
export function lacksToolSupport(error: ConchError): boolean {
  const message = error instanceof HttpError ? error.serverMessage : error instanceof ProviderError ? error.providerMessage : undefined;
  return message !== undefined && NO_TOOLS.test(message);
}

const NO_TOOLS = /tools param requires --jinja|does not support tools|cannot use tools|tools? (?:are|is) not supported|(?:tool|function) call(?:ing|s)? (?:are |is )?not supported/i;

/** A step from a tool call: any call carrying a `command` string is one, whatever its name. */
export function stepOfCall(call: ToolCall): { command: string; reason?: string } | undefined {
  let args: unknown;
  try {
    args = JSON.parse(call.function.arguments || '{}');
  } catch {
    return undefined;
  }
  if (typeof args !== 'object' || args === null) return undefined;
  const { command, reason } = args as { command?: unknown; reason?: unknown };
  if (typeof command !== 'string' || command.trim() === '') return undefined;
  return { command: command.trim(), ...(typeof reason === 'string' && reason.trim() ? { reason: reason.trim() } : {}) };
}
