import { platform, release, userInfo } from 'node:os';
import type { ShellPort } from '../app/index.ts';
import type { Preset } from '../config/index.ts';
import { buildMessages, type BuiltMessages } from '../context/index.ts';
import type { ModelSession } from './model-session.ts';

/** The messages a question would send now: shared by `?`, `??`, `?!` and `:context`, so what `:context` shows is what goes out. */
export function messagesFor(input: {
  question: string;
  explainLast?: boolean;
  preset: Preset;
  shellPort: ShellPort;
  session: ModelSession;
  shell: string;
  /** Of the preset's window, the share these messages may use (a goal keeps the rest for its steps). @default 1 */
  share?: number;
}): BuiltMessages {
  const { preset, shellPort } = input;
  const share = input.share ?? 1;
  input.session.secrets.rememberEnv(shellPort.env());
  return buildMessages({
    question: input.question,
    explainLast: input.explainLast ?? false,
    records: shellPort.records(),
    conversation: input.session.conversation,
    options: {
      mode: preset.context,
      contextSize: Math.floor(preset.contextSize * share),
      maxTokens: Math.floor(preset.maxTokens * share),
      system: { os: `${platform()} ${release()}`, shell: input.shell, cwd: shellPort.cwd(), date: new Date(), ...userName() },
      env: shellPort.env(),
      known: input.session.secrets,
    },
  });
}

function userName(): { user?: string } {
  try {
    return { user: userInfo().username };
  } catch {
    return {};
  }
}
