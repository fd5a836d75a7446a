import type { Command } from './command-words.ts';
import { matchesEveryFile } from './globs.ts';

/** Languages whose one-liners are read for what they do. */
export type Language = 'python' | 'perl' | 'ruby' | 'node' | 'php' | 'lua';

/** The interpreter a command runs, if it is one: `python3.12` is python, `nodejs` is node. */
export function languageOf(name: string): Language | undefined {
  if (/^(?:python[0-9.]*|pypy[0-9.]*)$/.test(name)) return 'python';
  if (/^perl[0-9.]*$/.test(name)) return 'perl';
  if (/^(?:ruby[0-9.]*|jruby)$/.test(name)) return 'ruby';
  if (/^(?:node|nodejs|bun|deno)$/.test(name)) return 'node';
  if (/^php[0-9.]*$/.test(name)) return 'php';
  if (/^(?:lua[0-9.]*|luajit)$/.test(name)) return 'lua';
  return undefined;
}

/**
 * The code a one-liner runs: `python -c CODE`, `perl -e CODE` (also bundled,
 * `-ne`, `-lpe`), `node -e/-p CODE`, `ruby -e CODE`, `php -r CODE`, `lua -e
 * CODE`, `deno eval CODE`. Undefined when it runs a script file (or reads
 * its program from stdin: see readsProgramFromStdin).
 */
export function inlineCode(language: Language, command: Command): string | undefined {
  const { args, name } = command;
  if (name === 'deno') return args[0] === 'eval' ? args[1] : undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-' || arg === '--') return undefined;
    const takesCode =
      language === 'python' ? /^-[A-Za-z]*c$/.test(arg)
      : language === 'perl' ? /^-[A-Za-z0-9]*[eE]$/.test(arg)
      : language === 'node' ? ['-e', '-p', '--eval', '--print', '-pe'].includes(arg)
      : language === 'php' ? arg === '-r'
      : arg === '-e';
    if (takesCode) return args[i + 1];
    const inline = /^--(?:eval|print)=(.*)$/s.exec(arg);
    if (language === 'node' && inline) return inline[1];
  }
  return undefined;
}

/** An interpreter with no script and no inline code reads its program from stdin (`curl … | python3`, `python3 - <<EOF`). */
export function readsProgramFromStdin(language: Language, command: Command): boolean {
  if (inlineCode(language, command) !== undefined) return false;
  if (command.name === 'deno') return false;
  return command.operands.length === 0 || command.operands[0] === '-';
}

export interface CodeFindings {
  deletesTree: boolean;
  /** Deletes files one by one over a directory listing or a glob that takes every file (`unlink glob "*"`). */
  deletesFiles: boolean;
  /** Runs shell commands it builds at run time (or that this reading cannot extract). */
  opaqueShell: boolean;
  /** Decodes data and runs it as code. */
  decodesCode: boolean;
  /** Shell command lines it runs, as written in the code: to be judged like any command line. */
  shellCommands: string[];
}

// Removing a directory tree, in each language's usual spelling.
const DELETES_TREE = /\b(?:rmtree|remove_tree|rm_rf|rm_r|remove_dir|remove_entry(?:_secure)?|removedirs|rimraf)\b|\b(?:rmSync|rmdirSync|rm|rmdir|remove)\s*\([^)]{0,300}recursive\s*[:=]\s*true/;
const DECODES = /\b(?:b64decode|b32decode|a85decode|unhexlify|fromhex|atob|fromCharCode|codecs\.decode|zlib\.decompress|gzip\.decompress|marshal\.loads|decode_base64|decode64|unpack1?\s*\(\s*['"][mu]|base64_decode|gzinflate|str_rot13|hex2bin)\b|Buffer\.from\s*\([^)]{0,300}['"](?:base64|hex)['"]/;
// Deleting one file, in each language's usual spelling (also passed by name: `map(os.remove, …)`, `array_map('unlink', …)`).
const DELETES_FILE: Record<Language, RegExp> = {
  python: /\bos\s*\.\s*(?:remove|unlink)\b|\bPath\s*\.\s*unlink\b|\.\s*unlink\s*\(|\bfrom\s+os\s+import\b[^;\n]{0,200}\b(?:remove|unlink)\b/,
  perl: /\bunlink\b/,
  ruby: /\b(?:File|FileUtils)\s*\.\s*(?:delete|unlink|rm|rm_f|remove|remove_file|safe_unlink)\b|&:(?:delete|unlink)\b|\.\s*unlink\b/,
  node: /\b(?:unlinkSync|rmSync)\b|\b(?:fs|fsp|promises)\s*\.\s*(?:unlink|rm)\b|\bDeno\s*\.\s*remove(?:Sync)?\b/,
  php: /\bunlink\b/,
  lua: /\bos\s*\.\s*remove\b/,
};
// A directory's entries, whatever they are: what is deleted is decided by code, not by a pattern.
const LISTS_DIRECTORY = /\b(?:listdir|scandir|iterdir|readdir(?:Sync)?|opendir(?:Sync)?|readDir(?:Sync)?)\b|\b(?:os\s*\.\s*walk|Dir\s*\.\s*(?:entries|children|each_child|foreach)|Find\s*\.\s*find|lfs\s*\.\s*dir)\b|\.\s*walk\s*\(/;
// A glob call and its pattern when written out: `glob("*")`, `Path(".").rglob('*')`, `Dir["*"]`, perl's `glob "*"`.
const GLOB_CALL = /\b(?:(?:r|i)?glob|globSync)\s*\(\s*(?:[rbfRBF]{0,2}(['"])(?<called>[^'"\n]{0,300})\1)?|\bglob[ \t]+(['"])(?<bare>[^'"\n]{0,300})\3|\bDir\s*\[\s*(?:(['"])(?<indexed>[^'"\n]{0,300})\5)?/g;
// Perl's glob operator: `<*>`, `<*.o>` (a filehandle read, `<STDIN>`, has no `*`).
const PERL_GLOB = /<(?<perl>[^<>\s]{0,300}\*[^<>\s]{0,300})>/g;

/**
 * Files found at run time and deleted: a listing, or a glob that takes every
 * file or is computed. A glob that picks some (`glob("*.pyc")`) is as
 * ordinary as `rm *.pyc`.
 */
function deletesFound(language: Language, code: string): boolean {
  if (!DELETES_FILE[language].test(code)) return false;
  if (LISTS_DIRECTORY.test(code)) return true;
  for (const globs of language === 'perl' ? [GLOB_CALL, PERL_GLOB] : [GLOB_CALL]) {
    for (const glob of code.matchAll(globs)) {
      const pattern = glob.groups?.called ?? glob.groups?.bare ?? glob.groups?.indexed ?? glob.groups?.perl;
      if (pattern === undefined || matchesEveryFile(pattern)) return true;
    }
  }
  return false;
}

const RUNS_CODE = /\b(?:exec|eval|compile|Function|system|execSync|popen|spawn|assert|create_function|load|loadstring|dostring)\s*\(|\bnew\s+Function\b|`/;

/** Calls that hand a string to a shell, per language. */
const SHELL_CALLS: Record<Language, RegExp> = {
  python: /\b(?:os\s*\.\s*(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?)|subprocess\s*\.\s*(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|pty\s*\.\s*spawn|commands\s*\.\s*getoutput)\s*\(/g,
  perl: /(?:\b(?:system|exec)\b\s*\(?|\bqx\s*[({[/|!]|`)/g,
  ruby: /(?:\b(?:system|exec|spawn)\b\s*\(?|\bIO\s*\.\s*popen\s*\(|\bOpen3\s*\.\s*\w+\s*\(|%x[({[]|`)/g,
  node: /\b(?:execSync|exec|spawnSync|spawn|execFileSync|execFile|fork)\s*\(|\bBun\s*\.\s*spawn(?:Sync)?\s*\(|\bDeno\s*\.\s*(?:run|Command)\s*\(|\bnew\s+Deno\s*\.\s*Command\s*\(/g,
  php: /(?:\b(?:system|exec|shell_exec|passthru|proc_open|popen|pcntl_exec)\s*\(|`)/g,
  lua: /\b(?:os\s*\.\s*execute|io\s*\.\s*popen)\s*\(/g,
};

/**
 * What a one-liner does that matters: removes a directory tree, hands
 * commands to a shell (given back when they are literals, so the caller can
 * judge them), or decodes data to run it. A reading, not a parse: enough for
 * the usual one-liners, not for code written to hide from it.
 */
export function inspectCode(language: Language, code: string): CodeFindings {
  const findings: CodeFindings = {
    deletesTree: DELETES_TREE.test(code),
    deletesFiles: deletesFound(language, code),
    opaqueShell: false,
    decodesCode: DECODES.test(code) && RUNS_CODE.test(code),
    shellCommands: [],
  };
  for (const call of code.matchAll(SHELL_CALLS[language])) {
    const after = call.index + call[0].length;
    // Perl and Ruby backticks, qx and %x: the command is the quoted text itself.
    const quoted = /`$|qx\s*.$|%x.$/.exec(call[0]) ? quotedCommand(code, after - 1) : literalArguments(code, after);
    if (quoted === undefined) findings.opaqueShell = true;
    else findings.shellCommands.push(quoted);
  }
  return findings;
}

const CLOSERS: Record<string, string> = { '(': ')', '{': '}', '[': ']', '<': '>' };

/** The text between a backtick (or qx/%x delimiter) at `open` and its closer. */
function quotedCommand(code: string, open: number): string | undefined {
  const opener = code[open]!;
  const closer = CLOSERS[opener] ?? opener;
  const close = code.indexOf(closer, open + 1);
  return close < 0 ? undefined : code.slice(open + 1, close);
}

/**
 * The command in a call's first argument when it is written out: a string
 * literal (`'rm -rf x'`, `"…"`, with Python's r/b/f prefixes), or a list of
 * them (`['rm', '-rf', 'x']`, also as separate arguments: `execFileSync('rm', ['-rf', 'x'])`,
 * `system('rm', '-rf', 'x')`). Undefined for anything computed.
 */
function literalArguments(code: string, from: number): string | undefined {
  const parts: string[] = [];
  const literal = /\s*(?:[rbfRBF]{0,2})(['"])((?:\\.|(?!\1)[^\\\n]){0,2000})\1\s*/y;
  let i = from;
  let depth = 0;
  for (let steps = 0; steps < 200; steps++) {
    while (code[i] === ' ' || code[i] === '\t') i++;
    const c = code[i];
    if (c === '[') {
      depth++;
      i++;
      continue;
    }
    if (c === ']' && depth > 0) {
      depth--;
      i++;
      continue;
    }
    if (c === ',') {
      i++;
      continue;
    }
    literal.lastIndex = i;
    const match = literal.exec(code);
    if (match) {
      parts.push(match[2]!.replace(/\\(.)/g, '$1'));
      i = literal.lastIndex;
      continue;
    }
    // The end of the call's arguments, or keyword options like `shell=True`: what was collected is the command.
    if (c === ')' || c === undefined || c === ';' || /[A-Za-z_]/.test(c) || c === '{') break;
    return undefined;
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}
