export { createMarkdownRenderer, type MarkdownRenderer, type RenderOptions } from './stream-renderer.ts';
export { extractShellCommands } from './extract.ts';
export { renderFooter } from './footer.ts';
export { renderMarkdown } from './render-markdown.ts';
