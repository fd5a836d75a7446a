/** What a typed line is, decided before anything runs. */
export type Route =
  | { kind: 'empty' }
  | { kind: 'question'; text: string; explainLast: boolean }
  /** `?! GOAL`: work toward it in steps (agent mode). */
  | { kind: 'goal'; text: string }
  | { kind: 'meta'; name: string; arg: string }
  /** A line conch understood but cannot accept (`?!` with no goal): one line and a status. */
  | { kind: 'invalid'; message: string; status: number }
  | { kind: 'shell'; line: string };

export interface RouteOptions {
  /** A line starting with this goes to the model, not the shell. */
  questionPrefix: string;
}

/**
 * Everything that is neither a question nor a `:meta` command is the shell's,
 * exactly as written: `exit`, `jobs`, `fg` and `bg` included, since the shell
 * owns its jobs and its end.
 */
export function routeLine(line: string, { questionPrefix }: RouteOptions): Route {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (questionPrefix && trimmed.startsWith(`${questionPrefix}!`)) {
    const goal = trimmed.slice(questionPrefix.length + 1).trim();
    if (goal) return { kind: 'goal', text: goal };
    return { kind: 'invalid', message: `give a goal after ${questionPrefix}!, e.g. ${questionPrefix}! find what fills the disk`, status: 2 };
  }
  if (questionPrefix && trimmed.startsWith(questionPrefix)) {
    const text = trimmed.slice(questionPrefix.length).trim();
    // `??` alone: explain the last command's failure.
    if (text === questionPrefix) return { kind: 'question', text: '', explainLast: true };
    return { kind: 'question', text, explainLast: false };
  }
  // `:name`, not `:` (the shell's no-op builtin) and not `: words`.
  const meta = /^:([a-z]+)(?:\s+(.*))?$/s.exec(trimmed);
  if (meta) return { kind: 'meta', name: meta[1]!, arg: (meta[2] ?? '').trim() };
  return { kind: 'shell', line };
}
