import { Lexer } from 'marked';

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'shell-session', 'fish']);

/**
 * The shell commands an answer proposes, in order: fenced blocks marked as a
 * shell, or unmarked blocks that read like one. `$ ` prompts (console
 * transcripts) are removed, and then only the prompted lines are kept.
 */
export function extractShellCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const token of Lexer.lex(markdown)) {
    if (token.type !== 'code') continue;
    const lang = String(token.lang ?? '').trim().toLowerCase().split(/\s/)[0] ?? '';
    const text = String(token.text).trim();
    if (!text) continue;
    if (SHELL_LANGS.has(lang)) commands.push(stripPrompts(text));
    else if (lang === '' && looksLikeCommand(text)) commands.push(stripPrompts(text));
  }
  return commands.filter(Boolean);
}

function stripPrompts(text: string): string {
  const lines = text.split('\n');
  const prompted = lines.filter((line) => /^\s*[$#]\s/.test(line));
  if (prompted.length === 0) return text;
  return prompted.map((line) => line.replace(/^\s*[$#]\s/, '')).join('\n');
}

function looksLikeCommand(text: string): boolean {
  const first = text.split('\n')[0]!.trim();
  return /^(\$ )?[a-z][\w.-]*(\s|$)/.test(first) && !/[{};]\s*$/.test(first) && text.split('\n').length <= 10;
}
