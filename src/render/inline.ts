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
  // marked's Token union includes a catch-all shape whose fields are `any`: read them as strings explicitly.
  const text = field(token, 'text');
  const inner = 'tokens' in token && Array.isArray(token.tokens) ? renderInlineTokens(token.tokens, style) : undefined;
  switch (token.type) {
    case 'strong':
      return style.bold(inner ?? text);
    case 'em':
      return style.italic(inner ?? text);
    case 'del':
      return style.strike(inner ?? text);
    case 'codespan':
      return style.color(36, unescapeHtml(text));
    case 'link':
      return style.link(inner ?? text, field(token, 'href'));
    case 'image':
      return style.dim(`[image: ${text || field(token, 'href')}]`);
    case 'br':
      return ' ';
    case 'escape':
      return text;
    case 'text':
      return inner ?? unescapeHtml(text);
    default:
      // html and anything newer marked may add: shown as written.
      return field(token, 'raw');
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

function unescapeHtml(text: string): string {
  return text.includes('&') ? text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (whole, name: string) => ENTITIES[name] ?? whole) : text;
}

function field(token: Token, name: 'text' | 'href' | 'raw'): string {
  const value: unknown = (token as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}
