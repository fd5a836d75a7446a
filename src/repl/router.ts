/** What a typed line is, decided before anything runs. */
export type Route =
  | { kind: 'empty' }
  | { kind: 'exit'; status?: number }
  | { kind: 'jobs' }
  | { kind: 'fg'; jobId?: number }
  | { kind: 'bg'; jobId?: number }
  | { kind: 'question'; text: string; explainLast: boolean }
  /** `?! GOAL`: work toward it in steps (agent mode). */
  | { kind: 'goal'; text: string }
  | { kind: 'meta'; name: string; arg: string }
  | { kind: 'shell'; line: string }
  | { kind: 'invalid'; message: string; status: number };

export interface RouteOptions {
  /** A line starting with this goes to the model, not the shell. */
  questionPrefix: string;
}

/**
 * Builtins are recognised only when the whole line is the builtin with simple
 * arguments (`exit 3`, `fg %2`); anything richer (`cd x && exit`) is the
 * shell's, exactly as written.
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
  const words = trimmed.split(/\s+/);
  const [name, arg, extra] = words;
  switch (name) {
    case 'exit':
      if (extra !== undefined) return { kind: 'invalid', message: 'exit: too many arguments', status: 1 };
      if (arg === undefined) return { kind: 'exit' };
      if (!/^-?\d+$/.test(arg)) return { kind: 'invalid', message: `exit: ${arg}: numeric argument required`, status: 2 };
      return { kind: 'exit', status: ((Number(arg) % 256) + 256) % 256 };
    case 'jobs':
      return words.length === 1 ? { kind: 'jobs' } : { kind: 'shell', line };
    case 'fg':
    case 'bg': {
      if (extra !== undefined) return { kind: 'invalid', message: `${name}: too many arguments`, status: 1 };
      const kind = name;
      if (arg === undefined) return { kind };
      const id = /^%?(\d+)$/.exec(arg)?.[1];
      if (id === undefined) return { kind: 'invalid', message: `${name}: ${arg}: no such job`, status: 1 };
      return { kind, jobId: Number(id) };
    }
    default:
      return { kind: 'shell', line };
  }
}
