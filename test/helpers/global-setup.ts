import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { engineDir } from '../../src/config/index.ts';
import { engineInstalled, installEngine } from '../../src/engine/index.ts';

// Tests that run the CLI use the bundle, so build it once before any test. A
// failed build removes the old bundle: those tests then fail with "not built
// yet" instead of testing stale code, while unit tests still run.
export default async function setup(): Promise<() => void> {
  try {
    execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
  } catch {
    rmSync('dist', { recursive: true, force: true });
  }
  // The embedded engine's tests run the real node-llama-cpp: installed once, as
  // `conch models pull` would (a fresh machine takes ~10 s from the npm registry).
  const engine = engineDir(process.env);
  if (!engineInstalled(engine)) {
    console.log(`installing the embedded engine into ${engine}`);
    await installEngine({ dir: engine });
  }
  // The private TMPDIR vitest.config.ts made. What conch itself leaves there is
  // reported: a leak of conch's own is a bug, not test litter.
  const sandbox = process.env.CONCH_TEST_TMPDIR;
  return () => {
    if (!sandbox) return;
    // conch's own temporary files are the long-command hand-overs, removed when the command ends.
    const leaked = readdirSync(sandbox).filter((name) => name.startsWith('conch-command-'));
    if (leaked.length > 0) console.warn(`conch left ${leaked.length} command file dir(s) in TMPDIR`);
    rmSync(sandbox, { recursive: true, force: true });
  };
}
