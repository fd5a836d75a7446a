import { commandOf, hasLong, hasShort, type Command } from './command-words.ts';
import { cloudRisks } from './risk-cloud.ts';
import { inlineCode, inspectCode, languageOf, readsProgramFromStdin } from './risk-code.ts';
import { readRisk, systemRisks, writeRisk, writesNothing } from './risk-commands.ts';
import { gitRisks } from './risk-git.ts';
import { networkRisks } from './risk-network.ts';
import type { RiskReason } from './risk-reasons.ts';
import { parsePipelines, TooDeepError, type Stage } from './shell-words.ts';

/** Why a command deserves a second confirmation before it runs. */
export interface RiskAssessment {
  risky: boolean;
  /** Each once, in the order found. */
  reasons: RiskReason[];
}

/**
 * Flags commands that destroy data, the system or remote resources. The
 * line is split the way a shell would (quotes respected, substitutions looked
 * into), so `echo "rm -rf /"` is harmless while `ls; rm -rf ~` and
 * `echo $(rm -rf ~)` are not. The whole command tree is judged: scripts given
 * to `sh -c`, `eval`, `ssh host`, `watch`, `find -exec`; code piped or
 * here-doc'd into a shell or an interpreter; variables naming the command
 * (`x=rm; $x -rf ~`); wrappers (`sudo`, `env`, `xargs`, `parallel`, `busybox` …),
 * and deletions of names the line does not show (`ls | xargs rm`, `rm $(ls)`);
 * interpreter one-liners. Code downloaded or decoded on the fly cannot be
 * judged, so running it is itself a reason. Anything the rules do not know
 * is not risky: this is a second look, not a sandbox.
 */
export function assessRisk(command: string): RiskAssessment {
  const found = new Map<string, RiskReason>();
  const add = (reason: RiskReason) => {
    const key = `${reason.kind}\0${reason.operand ?? ''}\0${reason.asRoot ? 'root' : ''}`;
    if (!found.has(key)) found.set(key, reason);
  };
  collect(command, add, 0);
  return { risky: found.size > 0, reasons: [...found.values()] };
}

type Add = (reason: RiskReason) => void;

/** Scripts inside scripts deeper than this are not something a person or a model writes. */
const MAX_DEPTH = 4;
const SHELL = /^(?:ba|z|da|k|c|tc|fi|mk|y|po|lk)?sh$/;
const FORK_BOMB = /([\w:.]{1,40})[ \t]*\([ \t]*\)[ \t]*\{[^}]{0,40}?\1[ \t]*\|[ \t]*\1[ \t]*&/;

function collect(line: string, add: Add, depth: number): void {
  if (depth > MAX_DEPTH) {
    add({ kind: 'too-nested' });
    return;
  }
  if (FORK_BOMB.test(line)) add({ kind: 'fork-bomb' });
  let pipelines: Stage[][];
  try {
    pipelines = parsePipelines(line);
  } catch (error) {
    if (!(error instanceof TooDeepError)) throw error;
    add({ kind: 'too-nested' });
    return;
  }
  // Variables set earlier on the line, so that `x=rm; $x -rf ~` is judged as `rm -rf ~`.
  const variables = new Map<string, string>();
  for (const pipeline of pipelines) {
    const stages = pipeline.map((stage) => ({ ...stage, words: expandWords(stage.words, variables) }));
    const commands = stages.map((stage) => commandOf(stage.words));
    stages.forEach((stage, index) => {
      const command = commands[index];
      const empties = writesNothing(stage.words, command);
      for (const write of stage.writes) writeRisk(expandWord(write.target, variables), { append: write.append, empties }, add);
      const reads = stage.reads.map((source) => expandWord(source, variables));
      for (const source of reads) readRisk(source, add);
      // `tee f < /dev/null`: nothing to copy, so f is emptied.
      if (command?.name === 'tee' && reads.includes('/dev/null')) {
        const append = hasShort(command.flags, 'a') || hasLong(command.flags, '--append');
        for (const target of command.operands) writeRisk(target, { append, empties: true }, add);
      }
      recordAssignments(stage.words, command, variables);
      if (command) judge(command, { stage, stages, commands, index }, add, depth);
    });
  }
}

interface Place {
  stage: Stage;
  stages: readonly Stage[];
  commands: readonly (Command | undefined)[];
  index: number;
}

function judge(command: Command, place: Place, add: Add, depth: number): void {
  systemRisks(command, add, (words) => {
    const inner = commandOf(words);
    if (inner) judge(inner, { ...place, stage: { words, writes: [], reads: [], stdin: [] }, index: 0, stages: [], commands: [] }, add, depth);
  });
  cloudRisks(command, add);
  networkRisks(command, { reads: place.stage.reads, upstream: place.index > 0 ? place.commands[place.index - 1] : undefined }, add);
  if (command.name === 'git') gitRisks(command.args, add);

  // The command itself is computed: `$(curl …)`, `$(echo … | base64 -d)`, as `eval "$(…)"` and `sh -c "$(…)"` give it.
  const computed = codeFrom(substitutions(command.word));
  if (computed) add(computed);

  const language = languageOf(command.name);
  const consumesCode = SHELL.test(command.name) || language !== undefined || command.name === 'source' || command.name === '.' || command.name === 'eval';
  if (consumesCode) {
    // `bash <(curl …)`, `source <(curl …)`, `python3 -c "$(curl …)"`.
    for (const arg of command.args) {
      const fed = codeFrom(substitutions(arg));
      if (fed) add(fed);
    }
    const reads = SHELL.test(command.name) ? shellReadsStdin(command) : language !== undefined && readsProgramFromStdin(language, command);
    if (reads) {
      const input = stdinOf(place);
      if (input?.kind === 'literal') {
        if (language) judgeCode(command.name, language, input.text, add, depth);
        else collect(input.text, add, depth + 1);
      } else if (input) add(input.reason);
    }
  }

  const script = innerScript(command);
  if (script !== undefined) collect(script, add, depth + 1);
  const code = language && inlineCode(language, command);
  if (language && code !== undefined) judgeCode(command.name, language, code, add, depth);
}

function judgeCode(interpreter: string, language: NonNullable<ReturnType<typeof languageOf>>, code: string, add: Add, depth: number): void {
  const findings = inspectCode(language, code);
  if (findings.deletesTree) add({ kind: 'code-deletes-tree', operand: interpreter });
  if (findings.deletesFiles) add({ kind: 'code-deletes-files', operand: interpreter });
  if (findings.opaqueShell) add({ kind: 'code-runs-shell', operand: interpreter });
  if (findings.decodesCode) add({ kind: 'obfuscated-code' });
  for (const shellCommand of findings.shellCommands) collect(shellCommand, add, depth + 1);
}

/** A shell with no `-c` and no script file reads its program from stdin (`… | sh`, `sh -s`, `bash <<EOF`). */
function shellReadsStdin(command: Command): boolean {
  if (command.flags.some((flag) => /^-[a-z]*c[a-z]*$/.test(flag))) return false;
  return command.operands.length === 0 || command.operands[0] === '-' || command.flags.some((flag) => /^-[a-z]*s[a-z]*$/.test(flag));
}

type Input = { kind: 'literal'; text: string } | { kind: 'reason'; reason: RiskReason };

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'aria2c', 'lwp-request', 'GET', 'xh']);
/** Between a source and a shell, these pass the code through unchanged. */
const TRANSPARENT = new Set(['cat', 'tee', 'dos2unix']);

/**
 * Where a stage's stdin comes from, as far as it matters: a here-string or
 * here-document, an `echo`/`printf` literal, a download, or a decoder. Other
 * programs' output (`cat script.sh | sh`) is not judged, as `sh script.sh`
 * would not be.
 */
function stdinOf(place: Place): Input | undefined {
  if (place.stage.stdin.length > 0) return { kind: 'literal', text: place.stage.stdin.join('\n') };
  for (let i = place.index - 1; i >= 0; i--) {
    const upstream = place.commands[i];
    if (!upstream) return undefined;
    if (DOWNLOADERS.has(upstream.name)) return { kind: 'reason', reason: downloadReason(upstream) };
    if (isDecoder(upstream)) return { kind: 'reason', reason: { kind: 'obfuscated-code' } };
    if (upstream.name === 'echo' || upstream.name === 'printf') {
      const words = upstream.name === 'echo' ? upstream.args.filter((arg, n) => !(n === 0 && /^-[neE]+$/.test(arg))) : upstream.args;
      return { kind: 'literal', text: words.join(' ').replace(/\\n/g, '\n') };
    }
    if (place.stages[i]!.stdin.length > 0 && TRANSPARENT.has(upstream.name)) return { kind: 'literal', text: place.stages[i]!.stdin.join('\n') };
    if (!TRANSPARENT.has(upstream.name) || (upstream.name === 'cat' && upstream.operands.length > 0)) return undefined;
  }
  return undefined;
}

function downloadReason(command: Command): RiskReason {
  const url = command.operands.find((operand) => /^[a-z][a-z0-9+.-]*:\/\//i.test(operand));
  return url === undefined ? { kind: 'remote-script' } : { kind: 'remote-script', operand: url };
}

/** Turns data into something else that is then run: base64 -d, xxd -r, gunzip, rev, tr … */
function isDecoder(command: Command): boolean {
  const { name, args } = command;
  const decoding = args.some((arg) => arg === '-d' || arg === '--decode' || arg === '-D' || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(arg));
  if (['base64', 'base32', 'basenc', 'gzip', 'bzip2', 'xz', 'zstd', 'lzma', 'brotli'].includes(name)) return decoding;
  if (name === 'xxd') return args.some((arg) => /^-[a-z]*r/.test(arg));
  if (name === 'openssl') return args.includes('-d');
  // tr: rot13 and friends.
  return ['tr', 'gunzip', 'zcat', 'bzcat', 'xzcat', 'unxz', 'unzstd', 'zstdcat', 'uncompress', 'lzcat', 'uudecode', 'rev'].includes(name);
}

/**
 * What running the output of these command substitutions means: code from
 * the internet, or code decoded on the fly; undefined when it is neither
 * (`eval "$(ssh-agent -s)"`, `eval "$(direnv hook bash)"` are ordinary).
 */
function codeFrom(scripts: readonly string[]): RiskReason | undefined {
  for (const script of scripts) {
    let pipelines: Stage[][];
    try {
      pipelines = parsePipelines(script);
    } catch {
      return { kind: 'too-nested' };
    }
    for (const stage of pipelines.flat()) {
      const command = commandOf(stage.words);
      if (!command) continue;
      if (DOWNLOADERS.has(command.name)) return downloadReason(command);
      if (isDecoder(command)) return { kind: 'obfuscated-code' };
    }
  }
  return undefined;
}

/** The scripts of the `$(…)`, `<(…)` and backtick substitutions in a word. */
function substitutions(word: string): string[] {
  const scripts: string[] = [];
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if ((c === '$' || c === '<' || c === '>') && word[i + 1] === '(') {
      const close = matchingParen(word, i + 1);
      scripts.push(word.slice(i + 2, close));
      i = close;
    } else if (c === '`') {
      const close = word.indexOf('`', i + 1);
      scripts.push(word.slice(i + 1, close < 0 ? word.length : close));
      i = close < 0 ? word.length : close;
    }
  }
  return scripts;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

/**
 * The script a command hands to another shell, so it is judged too: `sh -c`,
 * `bash -lc`, `su -c`, `eval`, `ssh host COMMAND` (run on that host),
 * `watch COMMAND`.
 */
function innerScript(command: Command): string | undefined {
  const { name, args } = command;
  if (name === 'eval') return args.join(' ');
  if (name === 'ssh') {
    let i = 0;
    while (i < args.length && args[i]!.startsWith('-')) i += SSH_VALUED.has(args[i]!) ? 2 : 1;
    const remote = args.slice(i + 1);
    return remote.length > 0 ? remote.join(' ') : undefined;
  }
  if (name === 'watch') {
    let i = 0;
    while (i < args.length && args[i]!.startsWith('-')) i += ['-n', '--interval', '-q', '--equexit'].includes(args[i]!) ? 2 : 1;
    return args.length > i ? args.slice(i).join(' ') : undefined;
  }
  if (!SHELL.test(name) && name !== 'su' && name !== 'sg') return undefined;
  const flag = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
  return flag >= 0 ? args[flag + 1] : undefined;
}

const SSH_VALUED = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']);

/**
 * `x=rm`, `export x=rm`, `declare x=rm` on their own set a variable for the
 * rest of the line; so does a loop, to its words (`for f in *; do rm "$f"`
 * is judged as `rm *`).
 */
function recordAssignments(words: readonly string[], command: Command | undefined, variables: Map<string, string>): void {
  if (command?.name === 'for' && command.args[1] === 'in' && /^[A-Za-z_]\w*$/.test(command.args[0] ?? '')) {
    variables.set(command.args[0]!, command.args.slice(2).join(' '));
    return;
  }
  const declares = command && ['export', 'declare', 'typeset', 'local', 'readonly'].includes(command.name);
  if (command && !declares) return;
  for (const word of declares ? command.args : words) {
    const assignment = /^([A-Za-z_]\w*)=(.*)$/s.exec(word);
    if (assignment) variables.set(assignment[1]!, assignment[2]!);
  }
}

const REFERENCE = /\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g;
// `$(echo rm)`, `` `printf rm` ``: a literal spelled through echo.
const ECHOED = /\$\(\s*(?:echo|printf)\s+(['"]?)([^()'"`$|;&<>]*)\1\s*\)|`\s*(?:echo|printf)\s+(['"]?)([^'"`$|;&<>]*)\3\s*`/g;

/**
 * Words with the line's own variables (and `${x:-default}` defaults, and
 * `$(echo …)` literals) put in. A word that was only a variable is split on
 * blanks, as the shell splits an unquoted one: `x="rm -rf"; $x ~`.
 * Variables from elsewhere stay as written.
 */
function expandWords(words: readonly string[], variables: ReadonlyMap<string, string>): string[] {
  return words.flatMap((word) => {
    if (!word.includes('$') && !word.includes('`')) return [word];
    const expanded = expandWord(word, variables);
    const whole = /^(?:\$\{?[A-Za-z_]\w*\}?|\$\(.*\)|`.*`)$/s.test(word);
    return whole && expanded !== word ? expanded.split(/\s+/).filter(Boolean) : [expanded];
  });
}

function expandWord(word: string, variables: ReadonlyMap<string, string>): string {
  return word
    .replace(ECHOED, (whole, _q1, echoed: string | undefined, _q2, backticked: string | undefined) => echoed ?? backticked ?? whole)
    .replace(REFERENCE, (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => variables.get(braced ?? bare ?? '') ?? fallback ?? whole);
}
