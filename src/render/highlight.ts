import { createRequire } from 'node:module';

type HighlightJs = typeof import('highlight.js').default;
let hljs: HighlightJs | undefined;

const LANGUAGES: Record<string, string> = {
  bash: 'bash', sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash',
  javascript: 'javascript', js: 'javascript', typescript: 'typescript', ts: 'typescript',
  python: 'python', py: 'python', json: 'json', yaml: 'yaml', yml: 'yaml',
  go: 'go', rust: 'rust', rs: 'rust', c: 'c', cpp: 'cpp', diff: 'diff', sql: 'sql',
};

/** ANSI colors for highlight.js's classes. */
const CLASS_COLORS: Record<string, number> = {
  keyword: 35, built_in: 36, type: 36, literal: 33, number: 33, string: 32, regexp: 32, comment: 90,
  title: 34, function: 34, params: 39, variable: 31, attr: 33, meta: 90, addition: 32, deletion: 31, symbol: 33,
};

/**
 * Highlights one code line. highlight.js is loaded on the first code block
 * (never at start-up) with only the languages above registered.
 */
export function highlightLine(line: string, lang: string, color: boolean): string {
  const name = LANGUAGES[lang.toLowerCase()];
  if (!color || !name) return line;
  const engine = load();
  if (!engine.getLanguage(name)) return line;
  return htmlToAnsi(engine.highlight(line, { language: name, ignoreIllegals: true }).value);
}

function load(): HighlightJs {
  if (hljs) return hljs;
  const require = createRequire(import.meta.url);
  const core = require('highlight.js/lib/core') as HighlightJs;
  for (const name of new Set(Object.values(LANGUAGES))) core.registerLanguage(name, require(`highlight.js/lib/languages/${name}`) as Parameters<HighlightJs['registerLanguage']>[1]);
  hljs = core;
  return core;
}

function htmlToAnsi(html: string): string {
  let out = '';
  const stack: number[] = [];
  const pattern = /<span class="hljs-([\w-]+)[^"]*">|<\/span>|&(amp|lt|gt|quot|#x27|#39);|[^<&]+/g;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    if (match[1]) {
      const code = CLASS_COLORS[match[1].split(/[-_ ]/)[0] ?? ''] ?? CLASS_COLORS[match[1]] ?? stack[stack.length - 1] ?? 39;
      stack.push(code);
      out += `\x1b[${code}m`;
    } else if (match[0] === '</span>') {
      stack.pop();
      out += `\x1b[${stack[stack.length - 1] ?? 39}m`;
    } else if (match[2]) {
      out += { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" }[match[2]] ?? '';
    } else {
      out += match[0];
    }
  }
  return `${out}\x1b[39m`;
}
