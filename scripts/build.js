// Bundles src/cli/main.ts into one ESM file: a cold start then reads one file
// instead of resolving hundreds of modules. node-pty stays external because it
// loads its native binary by relative path.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/conch.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: ['@lydell/node-pty'],
  banner: { js: "import { createRequire as __conchRequire } from 'node:module'; const require = __conchRequire(import.meta.url);" },
  logLevel: 'warning',
});
