import { Lexer } from 'marked';

/**
 * The shell commands an answer proposes, in order, one entry per fenced block:
 * blocks marked sh, bash, shell, zsh or console, and unmarked blocks that read
 * like a command. In a console transcript only the `$ ` lines (and their
 * backslash continuations) are commands, the rest is output; a shell block
 * whose every line carries a `$ ` prompt has the prompts removed.
 */
export function extractShellCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const token of Lexer.lex(markdown)) collect(token, commands);
  return commands;
}

type LexedToken = ReturnType<typeof Lexer.lex>[number];

/** Code blocks can sit inside list items and quotes. */
function collect(token: LexedToken, commands: string[]): void {
  if (token.type === 'code') {
    const command = commandOf(String(token.lang ?? ''), String(token.text));
    if (command) commands.push(command);
    return;
  }
  if (token.type === 'list') for (const item of token.items as { tokens: LexedToken[] }[]) for (const child of item.tokens) collect(child, commands);
  else if ('tokens' in token && Array.isArray(token.tokens) && token.type === 'blockquote') for (const child of token.tokens) collect(child, commands);
}

function commandOf(info: string, text: string): string | undefined {
  const lang = info.trim().toLowerCase().split(/\s/)[0] ?? '';
  const body = text.replace(/\s+$/, '');
  if (!body.trim()) return undefined;
  if (TRANSCRIPT_LANGS.has(lang)) return promptedLines(body) || undefined;
  if (SHELL_LANGS.has(lang) || (lang === '' && looksLikeCommand(body))) return stripPrompts(body);
  return undefined;
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'zsh', 'fish', 'ksh']);
const TRANSCRIPT_LANGS = new Set(['console', 'shell-session', 'terminal']);
const PROMPT = /^\s*[$%] /;

/** A transcript's commands: prompted lines, and the lines a trailing backslash continues. */
function promptedLines(text: string): string {
  const out: string[] = [];
  let continued = false;
  for (const line of text.split('\n')) {
    if (PROMPT.test(line)) out.push(line.replace(PROMPT, ''));
    else if (continued) out.push(line);
    else continue;
    continued = line.endsWith('\\');
  }
  return out.join('\n');
}

/** `$ ` prompts go when every command line has one (a `#` line in a shell block is a comment, not a root prompt). */
function stripPrompts(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.length > 0 && lines.every((line) => PROMPT.test(line)) ? promptedLines(text) : text;
}

/**
 * An unmarked block is a command when its lines are prompted, or its first word
 * is a well-known command or a path to one; output, code and prose are not.
 */
function looksLikeCommand(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.every((line) => PROMPT.test(line))) return true;
  const first = (lines[0] ?? '').trim().split(/\s/)[0] ?? '';
  return COMMON_COMMANDS.has(first) || /^(\.{0,2}\/|~\/)[\w./-]+$/.test(first);
}

const COMMON_COMMANDS = new Set(
  ('apt apt-get awk brew cargo cat cd chmod chown cp curl cut df diff dig docker du echo env export find free git go grep gzip head ' +
    'htop ip journalctl kill kubectl less ln ls lsof make man mkdir mv nc node npm npx nslookup pip pip3 pkill ps python python3 ' +
    'rg rm rmdir rsync scp sed seq sort source ssh stat sudo systemctl tail tar tee top touch tr uname uniq unzip wc wget which xargs yarn zip').split(' '),
);
