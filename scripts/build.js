// Bundles src/cli/main.ts into one ESM file: a cold start then reads one file
// instead of resolving hundreds of modules. node-pty stays external because it
// loads its native binary by relative path.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/conch.js',
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
