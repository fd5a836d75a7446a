import { Lexer, type Token, type Tokens } from 'marked';
import { stringWidth } from '../width.ts';
import { renderInline, renderInlineTokens } from './inline.ts';
import type { Style } from './style.ts';
import { wrapText } from './wrap.ts';

/** What a line's rendering depends on from the lines before it. */
export interface LineContext {
  /** Column where the last list item's text starts: an indented line after it continues that item. */
  listContent: number | undefined;
}

/**
 * One complete line of markdown outside code blocks and tables (heading, rule,
 * list item, quote, paragraph text) as wrapped terminal rows. marked lexes the
 * line; a line that cannot start a block skips the block lexer.
 */
export function renderTextLine(text: string, width: number, style: Style, context: LineContext): string[] {
  const indent = /^ */.exec(text)![0].length;
  const rest = text.slice(indent);
  const token = BLOCK_START.test(rest) ? Lexer.lex(rest)[0] : undefined;
  switch (token?.type) {
    case 'heading':
      context.listContent = undefined;
      return heading(token as Tokens.Heading, width, style);
    case 'hr':
      context.listContent = undefined;
      return [style.dim('─'.repeat(Math.max(3, Math.min(width, 80))))];
    case 'list':
      return listItem(rest, token as Tokens.List, Math.min(indent, 16), width, style, context);
    case 'blockquote':
      return quote(rest, width, style, context);
    default: {
      const body = token?.type === 'paragraph' ? renderInlineTokens((token as Tokens.Paragraph).tokens, style) : renderInline(rest, style);
      const hanging = indent > 0 && context.listContent !== undefined ? ' '.repeat(context.listContent) : '';
      if (indent === 0) context.listContent = undefined;
      return wrapText(body, width, hanging, hanging);
    }
  }
}

// The characters a heading, rule, list item or quote can start with.
const BLOCK_START = /^[#>*+\-_\d]/;
const HEADING_COLORS = [35, 36, 33, 32, 34, 34];
const BULLETS = ['•', '◦', '▪'];

function heading(token: Tokens.Heading, width: number, style: Style): string[] {
  let body = style.bold(style.color(HEADING_COLORS[token.depth - 1] ?? 39, renderInlineTokens(token.tokens, style)));
  if (token.depth === 1) body = style.underline(body);
  // The level stays visible as its marks, dimmed: readable without color too.
  const marks = '#'.repeat(token.depth);
  return wrapText(body, width, `${style.dim(marks)} `, ' '.repeat(marks.length + 1));
}

function listItem(rest: string, token: Tokens.List, indent: number, width: number, style: Style, context: LineContext): string[] {
  const item = token.items[0];
  if (!item) return wrapText(renderInline(rest, style), width);
  const marker = token.ordered ? (/^\d+[.)]/.exec(rest)?.[0] ?? `${token.start}.`) : (BULLETS[Math.floor(indent / 2) % BULLETS.length] ?? '•');
  const box = item.task ? (item.checked ? style.color(32, '☑') : '☐') : '';
  const lead = `${' '.repeat(indent)}${style.color(33, marker)} ${box ? `${box} ` : ''}`;
  context.listContent = indent + stringWidth(marker) + 1;
  const hanging = ' '.repeat(stringWidth(lead));
  return wrapText(renderInlineTokens(textTokens(item), style), width, lead, hanging);
}

/** An item's inline tokens (marked nests them in a text token, after a checkbox for a task). */
function textTokens(item: Tokens.ListItem): Token[] {
  const tokens: Token[] = [];
  for (const token of item.tokens) {
    if (token.type === 'checkbox') continue;
    if ((token.type === 'text' || token.type === 'paragraph') && 'tokens' in token && token.tokens) tokens.push(...token.tokens);
    else tokens.push(token);
  }
  return tokens;
}

/** A quote's content is itself a line (a nested quote, a list item, a heading), drawn behind a bar. */
function quote(rest: string, width: number, style: Style, context: LineContext): string[] {
  const content = rest.replace(/^> ?/, '');
  const bar = style.dim('│ ');
  if (content.trim() === '') return [style.dim('│')];
  return renderTextLine(content, Math.max(1, width - 2), style, context).map((row) => bar + row);
}
