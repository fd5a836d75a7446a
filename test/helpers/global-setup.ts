import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

// Tests that run the CLI use the bundle, so build it once before any test. A
// failed build removes the old bundle: those tests then fail with "not built
// yet" instead of testing stale code, while unit tests still run.
export default function setup(): void {
  try {
    execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
  } catch {
    rmSync('dist', { recursive: true, force: true });
  }
}
