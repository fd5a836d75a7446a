#!/usr/bin/env node
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/conch.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('conch: not built yet; run `npm install` (or `npm run build`) in the conch folder\n');
  process.exit(1);
}
await import(bundle.href);
