import { createMarkdownRenderer } from './stream-renderer.ts';

/** A whole answer rendered at once (no partial lines): what the stream ends up showing. */
export function renderMarkdown(markdown: string, options: { width: number; color: boolean }): string {
  let out = '';
  const renderer = createMarkdownRenderer({ write: (text) => (out += text), width: () => options.width, color: options.color });
  renderer.delta(markdown);
  renderer.end();
  return out;
}
