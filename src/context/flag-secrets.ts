import { isSecretName } from './secret-names.ts';
import { literalValue } from './secret-patterns.ts';
import { closingQuote, valueSpan, type Span } from './value-span.ts';

/**
 * Secrets given on a command line: long flags named like secrets anywhere
 * (`--password X`, `--api-key=X`, `-storepass X`), and the short flags only
 * particular programs use for a password (`mysql -pX`, `sshpass -p X`,
 * `docker login -p X`, `curl -u user:X`, `redis-cli -a X`, `smbclient -U
 * user%X`), which mean something else elsewhere (`docker run -p 8080:80`).
 */
export function flagSecrets(text: string): Span[] {
  const spans = longFlags(text);
  programFlags(text, spans);
  return spans;
}

// `--name value`, `--name=value`, `-name value` (Java's -storepass); the dash first, so the engine can skip to it.
const LONG_FLAG = /-(?<=(?:^|[^\w-])-)-?(?<name>[A-Za-z][\w.-]{0,60})(?:=|[ \t]{1,8})/g;

function longFlags(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(LONG_FLAG)) {
    const name = match.groups!.name!;
    // A single-letter flag (`-p`) means something per program: programFlags knows which.
    if (name.length < 2 || !isSecretName(name)) continue;
    const from = match.index + match[0].length;
    // `--password --verbose`: the next word is another flag, not a value.
    if (text[from] === '-') continue;
    const span = valueSpan(text, from);
    if (span) spans.push(span);
  }
  return spans;
}

interface ProgramRule {
  /** The flag as written, `-p`, `--user`. */
  flag: string;
  /** `-pSECRET` */
  glued: boolean;
  /** `-p SECRET` (for mysql that is the database's name, so not there). */
  separate: boolean;
  /** Only after this subcommand (`docker login`). */
  after?: string;
  /** The value is `user:secret` (or `user%secret`): only what follows the separator is secret. */
  userSeparator?: string;
  /** The program's own options end at its first operand, where the command it runs begins (`sshpass -p X ssh -p 22 …`). */
  optionsFirst?: boolean;
}

const P_BOTH = { flag: '-p', glued: true, separate: true };
const MYSQL: ProgramRule[] = [{ flag: '-p', glued: true, separate: false }];
const LOGIN: ProgramRule[] = [{ ...P_BOTH, after: 'login' }];
const CURL_USER: ProgramRule[] = [
  { flag: '-u', glued: true, separate: true, userSeparator: ':' },
  { flag: '-U', glued: true, separate: true, userSeparator: ':' },
  { flag: '--user', glued: false, separate: true, userSeparator: ':' },
  { flag: '--proxy-user', glued: false, separate: true, userSeparator: ':' },
];

const PROGRAMS: Record<string, ProgramRule[]> = {
  mysql: MYSQL, mysqldump: MYSQL, mysqladmin: MYSQL, mysqlimport: MYSQL, mysqlshow: MYSQL, mysqlcheck: MYSQL, mysqlpump: MYSQL,
  mariadb: MYSQL, 'mariadb-dump': MYSQL, 'mariadb-admin': MYSQL,
  sshpass: [{ ...P_BOTH, optionsFirst: true }],
  docker: LOGIN, podman: LOGIN, nerdctl: LOGIN, buildah: LOGIN, skopeo: LOGIN, helm: LOGIN, oras: LOGIN, crane: LOGIN, az: LOGIN,
  curl: CURL_USER,
  http: [{ flag: '-a', glued: true, separate: true, userSeparator: ':' }],
  https: [{ flag: '-a', glued: true, separate: true, userSeparator: ':' }],
  'redis-cli': [{ flag: '-a', glued: true, separate: true }],
  sqlcmd: [{ flag: '-P', glued: true, separate: true }],
  bcp: [{ flag: '-P', glued: true, separate: true }],
  ldapsearch: [{ flag: '-w', glued: true, separate: true }],
  ldapadd: [{ flag: '-w', glued: true, separate: true }],
  ldapmodify: [{ flag: '-w', glued: true, separate: true }],
  ldapdelete: [{ flag: '-w', glued: true, separate: true }],
  ldapwhoami: [{ flag: '-w', glued: true, separate: true }],
  ldappasswd: [{ flag: '-w', glued: true, separate: true }, { flag: '-s', glued: true, separate: true }],
  mongo: [P_BOTH], mongosh: [P_BOTH], mongodump: [P_BOTH], mongorestore: [P_BOTH], mongoexport: [P_BOTH], mongoimport: [P_BOTH],
  zip: [{ flag: '-P', glued: false, separate: true }],
  unzip: [{ flag: '-P', glued: false, separate: true }],
  '7z': [{ flag: '-p', glued: true, separate: false }], '7za': [{ flag: '-p', glued: true, separate: false }],
  rar: [{ flag: '-p', glued: true, separate: false }], unrar: [{ flag: '-p', glued: true, separate: false }],
  rdesktop: [{ flag: '-p', glued: false, separate: true }],
  smbclient: [{ flag: '-U', glued: true, separate: true, userSeparator: '%' }],
  openssl: [{ flag: '-k', glued: false, separate: true }],
};

// The program's name as a word, possibly with a path (`/usr/bin/mysql`) or a quote or `$(` before it; the name first, so the engine can skip to it.
const NAMES = Object.keys(PROGRAMS).map((name) => name.replace(/[.-]/g, '\\$&')).join('|');
// Not before a colon: `https://…` is a URL, not httpie.
const PROGRAM = new RegExp(String.raw`(${NAMES})(?<=(?:^|[^\w.-]|\/)(?:${NAMES}))(?![\w./:-])`, 'g');
/** How far one program's arguments are followed: long enough for any real command, bounded so that many program names in a row stay linear. */
const MAX_WORDS = 64;
const SEPARATORS = new Set(['|', '||', '&&', ';', '&', ';;']);

/**
 * Each program's words are read one at a time and only up to where its
 * arguments end (the next program, a separator, the line's end): a word is
 * read once or twice, however many programs a line holds.
 */
function programFlags(text: string, spans: Span[]): void {
  // exec rather than matchAll, and the name by position: this runs once a program name in megabytes of output.
  PROGRAM.lastIndex = 0;
  for (let match = PROGRAM.exec(text); match; match = PROGRAM.exec(text)) {
    const rules = PROGRAMS[match[1]!]!;
    const optionsFirst = rules.some((rule) => rule.optionsFirst);
    let sawSubcommand = false;
    let at = match.index + match[0].length;
    for (let count = 0; count < MAX_WORDS; count++) {
      const word = nextWord(text, at);
      if (!word) break;
      at = word.end;
      const raw = text.slice(word.start, word.end);
      // Another program's words are its own to judge (and judging them twice would make `mysql mysql mysql …` quadratic).
      if (endsArguments(raw)) break;
      if (!raw.startsWith('-')) {
        if (optionsFirst) break;
        if (rules.some((rule) => rule.after === raw)) sawSubcommand = true;
        continue;
      }
      for (const rule of rules) {
        if (rule.after && !sawSubcommand) continue;
        const flag = rule.flag;
        let span: Span | undefined;
        const value = raw === flag && rule.separate ? nextWord(text, word.end) : undefined;
        if (value) {
          span = valueSpan(text, value.start, 1);
          at = value.end;
          count++;
        } else if (rule.glued && raw.startsWith(flag) && raw.length > flag.length && !flag.startsWith('--')) {
          span = valueSpan(text, word.start + flag.length, 1);
        } else if (flag.startsWith('--') && raw[flag.length] === '=' && raw.startsWith(flag)) {
          span = valueSpan(text, word.start + flag.length + 1, 1);
        }
        if (span && rule.userSeparator) span = afterSeparator(text, span, rule.userSeparator);
        if (span) spans.push(span);
        if (span) break;
      }
      if (raw.endsWith(';')) break;
    }
  }
}

/** A separator, or another program's name. */
function endsArguments(word: string): boolean {
  if (word.length <= 2 && SEPARATORS.has(word)) return true;
  // No program's name starts with a dash: most words a program is given are its flags.
  return (word[0] !== '-' || word.includes('/')) && Object.hasOwn(PROGRAMS, programName(word));
}

/** The word's name as a program: without a directory, or a quote, `(` or backquote before it. */
function programName(word: string): string {
  let start = word.lastIndexOf('/') + 1;
  while (start < word.length && '"\'(`'.includes(word[start]!)) start++;
  return start === 0 ? word : word.slice(start);
}

/** `user:secret`: the part after the first separator; a user alone (curl then asks for the password) holds no secret. */
function afterSeparator(text: string, span: Span, separator: string): Span | undefined {
  const at = text.slice(span.start, span.end).indexOf(separator);
  if (at < 0 || span.start + at >= span.end - 1) return undefined;
  const start = span.start + at + 1;
  return literalValue(text.slice(start, span.end)) ? { start, end: span.end } : undefined;
}

/** The next blank-separated word after `from` on the same line, a quoted part (with its blanks) inside a word; undefined at the line's end. */
function nextWord(text: string, from: number): Span | undefined {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i >= text.length || text[i] === '\n' || text[i] === '\r') return undefined;
  const start = i;
  while (i < text.length && text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const close = closingQuote(text, i + 1, c);
      i = close === undefined ? i + 1 : close + 1;
    } else i++;
  }
  return { start, end: i };
}
