import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
