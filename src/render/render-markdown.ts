import { createMarkdownRenderer } from './stream-renderer.ts';

/** A whole answer rendered at once: what streaming it ends up showing, without any cursor movement. */
export function renderMarkdown(markdown: string, options: { width: number; color: boolean; hyperlinks?: boolean }): string {
  let out = '';
  const renderer = createMarkdownRenderer({ write: (text) => (out += text), width: () => options.width, color: options.color, hyperlinks: options.hyperlinks ?? false, live: false });
  renderer.delta(markdown);
  renderer.end();
  return out;
}
