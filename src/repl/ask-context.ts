import { platform, release, userInfo } from 'node:os';
import type { Preset } from '../config/index.ts';
import { buildMessages, type BuiltMessages } from '../context/index.ts';
import type { Executor } from '../executor/index.ts';
import type { ModelSession } from './model-session.ts';

/** The messages a question would send now: shared by `?`, `??` and `:context`, so what `:context` shows is what goes out. */
export function messagesFor(input: {
  question: string;
  explainLast?: boolean;
  preset: Preset;
  executor: Executor;
  session: ModelSession;
  shell: string;
}): BuiltMessages {
  const { preset, executor, session } = input;
  session.secrets.rememberEnv(executor.state.env);
  return buildMessages({
    question: input.question,
    explainLast: input.explainLast ?? false,
    records: executor.records,
    conversation: input.session.conversation,
    options: {
      mode: preset.context,
      contextSize: preset.contextSize,
      maxTokens: preset.maxTokens,
      system: { os: `${platform()} ${release()}`, shell: input.shell, cwd: executor.state.cwd, date: new Date(), ...userName() },
      env: executor.state.env,
      known: session.secrets,
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
