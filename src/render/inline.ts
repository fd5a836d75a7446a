import { Lexer, type Token } from 'marked';
import type { Style } from './style.ts';

/** Emphasis, strong, strikethrough, code spans and links of one line of markdown, as styled text. */
export function renderInline(text: string, style: Style): string {
  return renderInlineTokens(Lexer.lexInline(text), style);
}

/** The same for tokens marked has already lexed (a heading's, a table cell's). */
export function renderInlineTokens(tokens: readonly Token[], style: Style): string {
  let out = '';
  for (const token of tokens) out += renderToken(token, style);
  return out;
}

function renderToken(token: Token, style: Style): string {
  const inner = 'tokens' in token && Array.isArray(token.tokens) ? renderInlineTokens(token.tokens, style) : undefined;
  switch (token.type) {
    case 'strong':
      return style.bold(inner ?? token.text);
    case 'em':
      return style.italic(inner ?? token.text);
    case 'del':
      return style.strike(inner ?? token.text);
    case 'codespan':
      return style.color(36, unescapeHtml(token.text));
    case 'link':
      return style.link(inner ?? token.text, token.href);
    case 'image':
      return style.dim(`[image: ${token.text || token.href}]`);
    case 'br':
      return ' ';
    case 'escape':
      return token.text;
    case 'text':
      return inner ?? unescapeHtml(token.text);
    default:
      // html and anything newer marked may add: shown as written.
      return 'raw' in token ? String(token.raw) : '';
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

function unescapeHtml(text: string): string {
  return text.includes('&') ? text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (whole, name: string) => ENTITIES[name] ?? whole) : text;
}
