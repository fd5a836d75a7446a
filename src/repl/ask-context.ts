import { platform, release, userInfo } from 'node:os';
import type { Preset } from '../config/index.ts';
import { buildMessages, type BuiltMessages } from '../context/index.ts';
import type { ShellSession } from '../shell/index.ts';
import type { ModelSession } from './model-session.ts';

/** The messages a question would send now: shared by `?`, `??` and `:context`, so what `:context` shows is what goes out. */
export function messagesFor(input: {
  question: string;
  explainLast?: boolean;
  preset: Preset;
  shellSession: ShellSession;
  session: ModelSession;
  shell: string;
}): BuiltMessages {
  const { preset, shellSession } = input;
  return buildMessages({
    question: input.question,
    explainLast: input.explainLast ?? false,
    records: shellSession.records,
    conversation: input.session.conversation,
    options: {
      mode: preset.context,
      contextSize: preset.contextSize,
      maxTokens: preset.maxTokens,
      system: { os: `${platform()} ${release()}`, shell: input.shell, cwd: shellSession.cwd, date: new Date(), ...userName() },
      env: shellSession.env,
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
