import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { liveCredentials, LIVE_SKIP_MESSAGE } from './live-credentials.js';

// `pnpm test:live`: the contract tests of test/contract, once, against the Scalekit environment the
// SCALEKIT_* variables name. Without them there is nothing to run: one message, exit 0.
if (!liveCredentials(process.env)) {
  console.log(LIVE_SKIP_MESSAGE);
  process.exit(0);
}

export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, '../..'),
    include: ['test/contract/**/*.test.ts'],
    env: { SCALEKIT_CONTRACT_TARGET: 'live' },
    // A real service over the internet, shared with other users of the environment: one file at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
