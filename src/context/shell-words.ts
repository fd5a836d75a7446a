/** One simple command: its words (quotes removed), where its output goes, and what it reads as written on the line. */
export interface Stage {
  words: string[];
  /** `>`, `>|`, `&>`, `>& file`: replaces the target; `>>`, `&>>`: appends to it. */
  writes: { target: string; append: boolean }[];
  /** Files it reads from (`< file`, `3<> file`). */
  reads: string[];
  /** Here-strings (`<<< text`) and here-document bodies: its input, when the line holds it. */
  stdin: string[];
}

/**
 * A shell line split the way the shell would, well enough to judge risk:
 * pipelines (stages joined by `|`) separated by `;`, `&&`, `||`, `&`,
 * newlines and parentheses; words with quotes and backslashes removed;
 * comments dropped, `$'…'` decoded; here-strings and here-document bodies
 * kept as the stage's input, not run. Command substitutions (`$(…)`,
 * backticks, `<(…)`), which run even inside double quotes, come back as
 * pipelines of their own, and stay in their word as written so a rule can
 * see `bash -c "$(curl …)"`. Not a full shell grammar: no aliases, no
 * expansions.
 */
export function parsePipelines(line: string): Stage[][] {
  const out: Stage[][] = [];
  scan(line, out, 0);
  return out;
}

/** Deeper nesting than this is not something a person or a model writes; the caller treats it as suspicious. */
const MAX_NESTING = 16;

/** Control flow only, between the parser and assessRisk: never reaches conch's callers. */
export class TooDeepError extends Error {
  override name = 'TooDeepError';
}

function scan(text: string, out: Stage[][], depth: number): void {
  if (depth > MAX_NESTING) throw new TooDeepError('command substitutions nested too deeply');
  let pipeline: Stage[] = [];
  let stage: Stage = { words: [], writes: [], reads: [], stdin: [] };
  let word = '';
  let inWord = false;
  // What the next word is: an argument, a write or read target, what follows `>&` (an fd, or a file), or something to drop (a `<&3` fd).
  let next: 'word' | 'write' | 'append' | 'read' | 'dup' | 'drop' | 'stdin' = 'word';
  const heredocs: Heredoc[] = [];

  const endWord = () => {
    if (!inWord) return;
    if (next === 'word') stage.words.push(word);
    else if (next === 'stdin') stage.stdin.push(word);
    else if (next === 'read') stage.reads.push(word);
    // `>&2`, `>&-` duplicate or close a descriptor; `>& file` is `&> file`.
    else if (next === 'dup') {
      if (!/^(?:\d+-?|-)$/.test(word)) stage.writes.push({ target: word, append: false });
    } else if (next !== 'drop') stage.writes.push({ target: word, append: next === 'append' });
    word = '';
    inWord = false;
    next = 'word';
  };
  const endStage = () => {
    endWord();
    if (stage.words.length > 0 || stage.writes.length > 0 || stage.reads.length > 0 || stage.stdin.length > 0) pipeline.push(stage);
    stage = { words: [], writes: [], reads: [], stdin: [] };
    next = 'word';
  };
  const endPipeline = () => {
    endStage();
    if (pipeline.length > 0) out.push(pipeline);
    pipeline = [];
  };
  const substitution = (open: number, close: number, start: number) => {
    scan(text.slice(open + 1, close), out, depth + 1);
    word += text.slice(start, close + 1);
    inWord = true;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const after = text[i + 1];
    if (c === '$' && after === "'") {
      const close = ansiQuoteEnd(text, i + 2);
      word += decodeAnsiC(text.slice(i + 2, close));
      inWord = true;
      i = close;
    } else if (c === "'") {
      const close = indexOrEnd(text, "'", i + 1);
      word += text.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (c === '"') {
      i = doubleQuoted(i + 1);
    } else if (c === '\\') {
      if (after !== '\n') word += after ?? '';
      inWord = inWord || after !== '\n';
      i++;
    } else if ((c === '$' || c === '<' || c === '>') && after === '(') {
      if (c !== '$') endWord();
      const close = matchParen(text, i + 1);
      substitution(i + 1, close, i);
      i = close;
    } else if (c === '`') {
      const close = indexOrEnd(text, '`', i + 1);
      substitution(i, close, i);
      i = close;
    } else if (c === '#' && !inWord) {
      i = indexOrEnd(text, '\n', i) - 1;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '\n') {
      endPipeline();
      i = skipHeredocs(text, i + 1, heredocs.splice(0)) - 1;
    } else if (c === '&' && after === '>') {
      endWord();
      i += text[i + 2] === '>' ? 2 : 1;
      next = text[i] === '>' && text[i - 1] === '>' ? 'append' : 'write';
    } else if (c === ';' || c === '&' || c === '(' || c === ')') {
      endPipeline();
      if ((c === ';' || c === '&') && after === c) i++;
    } else if (c === '|') {
      if (after === '|') endPipeline();
      else endStage();
      if (after === '|' || after === '&') i++;
    } else if (c === '>' || c === '<') {
      // `2>file`: the digits were a file descriptor, not a word.
      if (inWord && /^\d+$/.test(word)) {
        word = '';
        inWord = false;
      } else endWord();
      if (c === '<' && after === '<' && text[i + 2] !== '<') {
        i = readHeredocDelimiter(i + 2);
        continue;
      }
      if (c === '<' && after === '<' && text[i + 2] === '<') {
        next = 'stdin';
        i += 2;
        continue;
      }
      next = c === '<' ? 'read' : after === '>' ? 'append' : 'write';
      while (text[i + 1] === '>' || text[i + 1] === '<' || text[i + 1] === '|') i++;
      if (text[i + 1] === '&') {
        next = c === '<' ? 'drop' : 'dup';
        i++;
      }
    } else {
      word += c;
      inWord = true;
    }
  }
  endPipeline();

  function doubleQuoted(from: number): number {
    let j = from;
    for (; j < text.length && text[j] !== '"'; j++) {
      const d = text[j]!;
      if (d === '\\' && j + 1 < text.length) {
        word += '"\\$`\n'.includes(text[j + 1]!) ? (text[j + 1] === '\n' ? '' : text[j + 1]) : `\\${text[j + 1]}`;
        j++;
      } else if (d === '$' && text[j + 1] === '(') {
        const close = matchParen(text, j + 1);
        substitution(j + 1, close, j);
        j = close;
      } else if (d === '`') {
        const close = indexOrEnd(text, '`', j + 1);
        substitution(j, close, j);
        j = close;
      } else word += d;
    }
    inWord = true;
    return j;
  }

  function readHeredocDelimiter(from: number): number {
    let j = from;
    const tabs = text[j] === '-';
    if (tabs) j++;
    while (text[j] === ' ' || text[j] === '\t') j++;
    let delimiter = '';
    for (; j < text.length && !/[\s;&|<>()]/.test(text[j]!); j++) if (!`'"\\`.includes(text[j]!)) delimiter += text[j];
    heredocs.push({ delimiter, tabs, stage });
    return j - 1;
  }
}

interface Heredoc {
  delimiter: string;
  tabs: boolean;
  /** The stage that reads it. */
  stage: Stage;
}

/** Past the bodies of the here-documents begun on the line that just ended; each body becomes its stage's input. */
function skipHeredocs(text: string, from: number, heredocs: readonly Heredoc[]): number {
  let position = from;
  for (const { delimiter, tabs, stage } of heredocs) {
    const body: string[] = [];
    while (position < text.length) {
      const end = indexOrEnd(text, '\n', position);
      const line = text.slice(position, end);
      position = end + 1;
      const stripped = tabs ? line.replace(/^\t+/, '') : line;
      if (stripped === delimiter) break;
      body.push(stripped);
    }
    stage.stdin.push(body.join('\n'));
  }
  return Math.min(position, text.length);
}

/** The `'` closing a `$'…'` string, where `\'` does not close it; the end when unclosed. */
function ansiQuoteEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") return i;
  }
  return text.length;
}

const ANSI_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Bash's `$'…'` escapes (`\x72\x6d` is `rm`), so a name spelled in escapes is still seen. */
function decodeAnsiC(body: string): string {
  return body.replace(/\\(x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|[0-7]{1,3}|c.|.)/gs, (whole, escape: string) => {
    const kind = escape[0]!;
    if (kind === 'x' || kind === 'u' || kind === 'U') return safeCodePoint(parseInt(escape.slice(1), 16), whole);
    if (/[0-7]/.test(kind)) return safeCodePoint(parseInt(escape, 8), whole);
    if (kind === 'c') return String.fromCharCode(escape.charCodeAt(1) & 0x1f);
    return ANSI_ESCAPES[escape] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** The `)` closing the `(` at `open`, skipping quotes and nested parentheses; the end when unclosed. */
function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'") i = indexOrEnd(text, "'", i + 1);
    else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return text.length;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index < 0 ? text.length : index;
}
