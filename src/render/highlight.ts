import { createRequire } from 'node:module';

type HighlightJs = typeof import('highlight.js').default;

/** Highlights one code line after another of the same block, as ANSI-coloured text. */
export type Highlighter = (line: string) => string;

/**
 * A highlighter for one code block, or the identity without color or for a
 * language not registered. highlight.js is loaded on the first code block
 * (never at start-up), with only the languages below.
 *
 * Lines are highlighted one at a time, so the cost stays linear. When a line
 * ends inside a construct that spans lines (a docstring, a block comment), the
 * lines since it began are highlighted again with the next one, so the
 * construct keeps its colour; that carry is capped to stay bounded.
 */
export function createHighlighter(lang: string, color: boolean): Highlighter {
  const name = LANGUAGES[lang.toLowerCase()];
  if (!color || !name) return (line) => line;
  const engine = load();
  let carry: string[] = [];
  return (line) => {
    const source = carry.length > 0 ? `${carry.join('\n')}\n${line}` : line;
    const result = engine.highlight(source, { language: name, ignoreIllegals: true });
    const text = htmlToAnsi(result.value, carry.length);
    // The top mode has a parent while a construct is still open at the line's end.
    const open = result._top !== undefined && 'parent' in result._top && result._top.parent !== undefined;
    carry = open && carry.length < MAX_CARRY ? [...carry, line] : [];
    return text;
  };
}

const MAX_CARRY = 50;

const LANGUAGES: Record<string, string> = {
  bash: 'bash', sh: 'bash', zsh: 'bash', shell: 'bash', console: 'shell', 'shell-session': 'shell',
  javascript: 'javascript', js: 'javascript', jsx: 'javascript', mjs: 'javascript',
  typescript: 'typescript', ts: 'typescript', tsx: 'typescript',
  python: 'python', py: 'python', json: 'json', yaml: 'yaml', yml: 'yaml',
  go: 'go', golang: 'go', rust: 'rust', rs: 'rust', c: 'c', h: 'c', diff: 'diff', patch: 'diff', sql: 'sql',
};

/** ANSI foreground colours for highlight.js's scopes (the first part of a dotted or dashed name). */
const SCOPE_COLORS: Record<string, number> = {
  keyword: 35, built_in: 36, type: 36, literal: 33, number: 33, string: 32, regexp: 32, comment: 90, doctag: 90,
  title: 34, function: 34, params: 39, variable: 31, attr: 33, attribute: 33, meta: 90, addition: 32, deletion: 31,
  symbol: 33, section: 34, subst: 39, operator: 39, property: 36, punctuation: 39, selector: 35, template: 32,
};

let hljs: HighlightJs | undefined;

function load(): HighlightJs {
  if (hljs) return hljs;
  // Synchronous on purpose: a code line is rendered the moment it completes.
  const require = createRequire(import.meta.url);
  const core = require('highlight.js/lib/core') as HighlightJs;
  for (const name of new Set(Object.values(LANGUAGES))) {
    core.registerLanguage(name, require(`highlight.js/lib/languages/${name}`) as Parameters<HighlightJs['registerLanguage']>[1]);
  }
  hljs = core;
  return core;
}

const HTML = /<span class="([^"]*)">|<\/span>|&(amp|lt|gt|quot|#x27|#39);|\n|[^<&\n]+/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" };

/** highlight.js's HTML to ANSI colours, dropping the first `skipLines` lines (the carry). */
function htmlToAnsi(html: string, skipLines: number): string {
  const stack: number[] = [];
  let skip = skipLines;
  let out = '';
  const current = () => stack[stack.length - 1] ?? 39;
  for (const match of html.matchAll(HTML)) {
    const [whole, scope, entity] = match;
    if (scope !== undefined) {
      const name = scope.replace(/^hljs-/, '').split(/[.\-_ ]/)[0] ?? '';
      stack.push(SCOPE_COLORS[name] ?? SCOPE_COLORS[scope.replace(/^hljs-/, '')] ?? current());
      if (skip === 0) out += `\x1b[${current()}m`;
    } else if (whole === '</span>') {
      stack.pop();
      if (skip === 0) out += `\x1b[${current()}m`;
    } else if (whole === '\n') {
      if (--skip === 0 && stack.length > 0) out = `\x1b[${current()}m`;
    } else if (skip === 0) {
      out += entity !== undefined ? (ENTITIES[entity] ?? whole) : whole;
    }
  }
  return out ? `${out}\x1b[39m` : out;
}
