import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import root from '../../vitest.config.js';

/**
 * The reliability suite on its own (`pnpm test:reliability`): the scenario files of this folder, with a
 * global teardown that prints one table of every scenario's event counts at the end.
 */
export default defineConfig({
  ...root,
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    ...root.test,
    include: ['test/reliability/**/*.test.ts', 'scripts/ops/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['test/reliability/support/global-setup.ts'],
    // Two scenario files at once, up to ten subgraph processes each: a pool of 5 and the 2 connections
    // outside it (the relay's LISTEN, job leadership), as these scenarios have always run.
    env: { ...root.test?.env, DATABASE_MAX_CONNECTIONS: '7' },
    outputFile: { json: '.test-results/reliability.json' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
