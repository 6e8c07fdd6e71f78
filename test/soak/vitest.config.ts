import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import root from '../../vitest.config.js';

const seconds = Number(process.env.SOAK_SECONDS ?? 180);

/**
 * The bounded soak on its own (`pnpm test:soak`, `SOAK_SECONDS` to bound it). Its file is named
 * `*.soak.ts`, not `*.test.ts`, so the workspace run of `pnpm test` never picks it up.
 */
export default defineConfig({
  ...root,
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: {
    ...root.test,
    include: ['test/soak/**/*.soak.ts'],
    // One platform alone, under load: the deployed budget, not the main suite's smaller one.
    env: { ...root.test?.env, DATABASE_MAX_CONNECTIONS: '12' },
    exclude: ['**/node_modules/**'],
    // Load, then up to five minutes to settle and count.
    testTimeout: seconds * 1000 + 400_000,
    hookTimeout: 180_000,
  },
});
