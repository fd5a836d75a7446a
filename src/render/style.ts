/**
 * ANSI styling that vanishes entirely without color (NO_COLOR): then not one
 * escape sequence is written, and the text stays readable on its own.
 */
export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
  underline(text: string): string;
  strike(text: string): string;
  color(code: number, text: string): string;
  /** A link: an OSC 8 hyperlink when asked for, else the label and its dim URL. */
  link(label: string, href: string): string;
}

export function createStyle(color: boolean, options: { hyperlinks?: boolean } = {}): Style {
  const wrap = (open: string, close: string) => (text: string) => (color && text ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  const underline = wrap('4', '24');
  const dim = wrap('2', '22');
  const blue = (text: string) => (color && text ? `\x1b[34m${text}\x1b[39m` : text);
  return {
    enabled: color,
    bold: wrap('1', '22'),
    dim,
    italic: wrap('3', '23'),
    underline,
    strike: wrap('9', '29'),
    color: (code, text) => (color && text ? `\x1b[${code}m${text}\x1b[39m` : text),
    link(label, href) {
      if (color && options.hyperlinks) return `\x1b]8;;${href}\x1b\\${underline(blue(label))}\x1b]8;;\x1b\\`;
      // A bare URL (autolink) needs no "(url)" after itself.
      const shown = underline(blue(label));
      return label === href || `mailto:${label}` === href ? shown : `${shown} ${dim(`(${href})`)}`;
    },
  };
}
