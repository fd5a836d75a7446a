// Bundles src/cli/main.ts into ESM: a cold start then reads one file instead of
// resolving hundreds of modules. node-pty stays external because it
// loads its native binary by relative path.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Old chunks would pile up: their names carry a content hash.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  // The embedded engine's process is a second entry: dist/engine-worker.js.
  entryPoints: { conch: 'src/cli/main.ts', 'engine-worker': 'src/engine/worker.ts' },
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  // Code only some commands need (the model client, the markdown renderer) goes into chunks loaded on demand.
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: ['@lydell/node-pty'],
  define: { __CONCH_VERSION__: JSON.stringify(version) },
  banner: { js: "import { createRequire as __conchRequire } from 'node:module'; const require = __conchRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The shell integration scripts are static files the shells read, shipped next to the bundle.
cpSync(new URL('../src/shell/integration', import.meta.url), new URL('../dist/integration', import.meta.url), { recursive: true });
