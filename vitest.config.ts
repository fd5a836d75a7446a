import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every test, and every conch, shell and tmux server they start, gets one
// private TMPDIR, removed by the global setup's teardown: a test that forgets
// to clean up cannot litter the machine. Set here, before the worker pool
// starts, because workers inherit the environment from this point.
if (!process.env.CONCH_TEST_TMPDIR) {
  process.env.CONCH_TEST_TMPDIR = mkdtempSync(join(tmpdir(), 'conch-tests-'));
  process.env.TMPDIR = process.env.CONCH_TEST_TMPDIR;
  process.env.TMUX_TMPDIR = process.env.CONCH_TEST_TMPDIR;
}
// The embedded engine (~90 MB from the npm registry) is installed once, as a
// dependency cache beside node_modules' others, never into the user's home.
process.env.CONCH_ENGINE_DIR ??= resolve('node_modules/.cache/conch-engine');

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
