/** ANSI styling that vanishes entirely without color (NO_COLOR, or not a terminal). */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
  underline(text: string): string;
  strike(text: string): string;
  color(code: number, text: string): string;
}

export function createStyle(color: boolean): Style {
  const wrap = (open: string, close: string) => (text: string) => (color && text ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  return {
    bold: wrap('1', '22'),
    dim: wrap('2', '22'),
    italic: wrap('3', '23'),
    underline: wrap('4', '24'),
    strike: wrap('9', '29'),
    color: (code, text) => (color && text ? `\x1b[${code}m${text}\x1b[39m` : text),
  };
}
