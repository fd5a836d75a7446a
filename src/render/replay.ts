import { closesFence, openFence, type Fence } from './code.ts';
import { cleanProse, showExactly } from './sanitize.ts';

/**
 * A stored answer as plain text (`conch log ID`), cleaned as the live
 * renderer cleans it: prose loses every sequence and invisible character,
 * while code, which is a command someone may run or copy, is shown exactly
 * (`^[`, `\u009b`, `<U+202E>`): lines of fenced blocks whole, and code spans
 * in prose, where a goal's transcript names the commands it ran. Newlines
 * end every sequence, so each line is cleaned on its own.
 */
export function replayAnswer(answer: string): string {
  let fence: Fence | undefined;
  return answer
    .split('\n')
    .map((line) => {
      if (fence) {
        if (!closesFence(cleanProse(line), fence)) return exactly(line.replace(/\r$/, ''));
        fence = undefined;
        return cleanProse(line);
      }
      const clean = cleanProse(line);
      fence = openFence(clean, false);
      return fence ? clean : withExactSpans(line);
    })
    .join('\n');
}

/** A code span: a run of backticks, then text, then a run of the same length (CommonMark). */
const CODE_SPAN = /(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;

function withExactSpans(line: string): string {
  let out = '';
  let at = 0;
  for (const match of line.matchAll(CODE_SPAN)) {
    out += `${cleanProse(line.slice(at, match.index))}${match[1]}${exactly(match[2]!)}${match[1]}`;
    at = match.index + match[0].length;
  }
  return out + cleanProse(line.slice(at));
}

/** Every character visible, tabs kept as they are (a Makefile's must survive a copy). */
function exactly(text: string): string {
  return text.split('\t').map(showExactly).join('\t');
}
