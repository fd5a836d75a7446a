import { execFileSync } from 'node:child_process';

// End-to-end tests run the bundled CLI, so build it once before any test.
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
}
