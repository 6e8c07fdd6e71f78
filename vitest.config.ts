import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// One run for the whole workspace: unit tests beside the code, integration tests against the real
// Postgres and NATS (isolated names per run), end-to-end scenarios in test/.
export default defineConfig({
  // One graphql instance: the Apollo packages load its CommonJS build, so our code must too (Vite would
  // otherwise pick the ESM build and schema type checks would fail across the two copies).
  resolve: {
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql', { paths: ['libs/kit'] }) }],
  },
  test: {
    include: [
      'libs/*/src/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'gateway/src/**/*.test.ts',
      'gateway/test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // The fault-injection scenarios run on their own (pnpm test:reliability), with their summary table.
    exclude: ['**/node_modules/**', 'test/reliability/**', 'scripts/ops/**'],
    pool: 'forks',
    maxWorkers: 2,
    // Tests run on the repo's dev keys; processes refuse them unless dev mode is explicit. Children
    // spawned with the worker's environment inherit it, and the connection budget with it: two files
    // at once, each with a whole platform (six subgraphs at 12 each, 72), passed the shared Postgres's
    // 100 connections together with the files' own clients ("too many clients", CI at b6246e2). At 6
    // (a pool of 4) two platforms hold at most 72 in all, whatever the load.
    env: { BACKOFFICE_DEV: '1', DATABASE_MAX_CONNECTIONS: '6' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The JSON report feeds the slowest-tests summary CI prints (scripts/test-times.ts).
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/main.json' },
  },
});
