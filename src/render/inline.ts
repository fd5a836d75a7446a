import { Lexer, type Token } from 'marked';
import type { Style } from './style.ts';

/** Emphasis, code spans, links and strikethrough of one line of markdown, as styled text. */
export function renderInline(text: string, style: Style): string {
  return renderTokens(Lexer.lexInline(text), style);
}

function renderTokens(tokens: readonly Token[], style: Style): string {
  return tokens.map((token) => renderToken(token, style)).join('');
}

function renderToken(token: Token, style: Style): string {
  const inner = 'tokens' in token && Array.isArray(token.tokens) ? renderTokens(token.tokens, style) : undefined;
  switch (token.type) {
    case 'strong':
      return style.bold(inner ?? token.text);
    case 'em':
      return style.italic(inner ?? token.text);
    case 'del':
      return style.strike(inner ?? token.text);
    case 'codespan':
      return style.color(36, unescapeHtml(token.text));
    case 'link': {
      const label = inner ?? token.text;
      // A bare URL needs no "(url)" after itself.
      return label === token.href ? style.underline(style.color(34, label)) : `${style.underline(style.color(34, label))}${style.dim(` (${token.href})`)}`;
    }
    case 'image':
      return style.dim(`[image: ${token.text || token.href}]`);
    case 'br':
      return ' ';
    case 'escape':
      return token.text;
    case 'text':
      return inner ?? unescapeHtml(token.text);
    case 'html':
      return token.text;
    default:
      return 'raw' in token ? String(token.raw) : '';
  }
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[name] ?? _);
}
