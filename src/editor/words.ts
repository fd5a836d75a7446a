/** A shell word: where it is in the text and what it means with quotes and backslashes removed. */
export interface Word {
  start: number;
  end: number;
  value: string;
  /** The quote still open at the end of the text, when the word is unterminated. */
  openQuote?: "'" | '"';
}

/**
 * Splits shell text into words the way sh reads them: blanks and the operators
 * | ; & < > ( ) separate words outside quotes; quotes and backslashes are removed
 * from `value`. Good enough to complete and to pick arguments, not to run.
 */
export function shellWords(text: string): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  let quote: "'" | '"' | undefined;
  const startWord = (i: number) => (current ??= { start: i, end: i, value: '' });
  const endWord = (i: number) => {
    if (!current) return;
    current.end = i;
    words.push(current);
    current = undefined;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current!.value += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1]!)) current!.value += text[++i];
      else current!.value += c;
    } else if (c === '\\') {
      startWord(i).value += text[i + 1] ?? '';
      i++;
    } else if (c === "'" || c === '"') {
      startWord(i);
      quote = c;
    } else if (/[\s|;&<>()]/.test(c)) {
      endWord(i);
    } else {
      startWord(i).value += c;
    }
  }
  const last = current;
  if (last && quote) last.openQuote = quote;
  endWord(text.length);
  return words;
}

/** The word the cursor is at the end of (possibly empty, when it follows a blank or an operator). */
export function wordBefore(line: string, cursor: number): Word {
  const before = line.slice(0, cursor);
  const last = shellWords(before).at(-1);
  if (last && last.end === cursor) return last;
  return { start: cursor, end: cursor, value: '' };
}

/** The last argument of a command line, unquoted (what Alt-. inserts). */
export function lastArgument(line: string): string | undefined {
  return shellWords(line).at(-1)?.value;
}

/** Quotes text for the shell, keeping the quote style a word was started with. */
export function quoteWord(text: string, openQuote: "'" | '"' | undefined, close: boolean): string {
  // A backslash before a newline would join the lines (a file named "a\nb" is not "ab"): control characters go inside single quotes.
  if (openQuote === undefined && /[\x00-\x1f\x7f]/.test(text)) {
    const home = text.startsWith('~/') ? '~/' : '';
    return `${home}${quoteWord(text.slice(home.length), "'", close)}`;
  }
  if (openQuote === "'") return `'${text.replace(/'/g, `'\\''`)}${close ? "'" : ''}`;
  if (openQuote === '"') return `"${text.replace(/(["\\$`])/g, '\\$1')}${close ? '"' : ''}`;
  return text.replace(/([\s'"\\$`!&|;<>()*?[\]#~{}])/g, '\\$1').replace(/^\\~/, '~');
}
