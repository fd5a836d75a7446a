import { assessRisk } from '../context/index.ts';

/**
 * Characters a line may hold to run without confirmation: words, paths,
 * options, `key=value`. Everything that makes a shell do more than run one
 * program is absent: separators and pipes (`;` `&` `|`), redirection (`<`
 * `>`), expansion and substitution (`$`, backquotes, parentheses, which
 * fish's `(…)` and zsh's `=(…)` need too), globs and braces, quotes and
 * backslashes (which could hide any of these), comments, history and newlines.
 */
const SIMPLE_COMMAND = /^[A-Za-z0-9_\-./,:=@%+~ ]+$/;

/**
 * `[agent] auto_run`: the line runs without asking only when it is one
 * simple command made of SIMPLE_COMMAND's characters, starts with one of the
 * prefixes on whole words (`ls` matches `ls -la`, not `lsblk`), and the risk
 * check finds nothing.
 */
export function mayAutoRun(line: string, prefixes: readonly string[]): boolean {
  const text = line.trim();
  if (prefixes.length === 0 || !SIMPLE_COMMAND.test(text)) return false;
  const words = text.split(/ +/);
  const matches = prefixes.some((prefix) => {
    const prefixWords = prefix.trim().split(/\s+/);
    return prefixWords.length <= words.length && prefixWords.every((word, i) => word === words[i]);
  });
  return matches && !assessRisk(text).risky;
}
