/**
 * True when Enter should continue the line instead of running it: an unclosed
 * quote, a trailing backslash, or a trailing `|`, `&&` or `||` (as bash does).
 */
export function isIncomplete(text: string): boolean {
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === '\\') {
      if (i === text.length - 1) return true;
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end < 0) return false;
      i = end;
    }
  }
  if (quote) return true;
  return /(?:^|[^|&\\])(?:\||&&|\|\|)\s*$/.test(text);
}
