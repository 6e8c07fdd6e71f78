import {
  type PlatformOptions,
  deleteTestStream,
  dropTestDatabases,
  type Platform,
  platformTails,
  startPlatformOnFreePorts,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface WholePlatform {
  /** This file's run id (uniqueRunId): what its names are made of. */
  readonly runId: string;
  /** This file's isolated names (database suffix, stream, subject prefix) and `env`'s additions. */
  readonly env: Record<string, string>;
  /** The running platform; throws before the file's first `beforeAll` has started it. */
  readonly platform: Platform;
}

/**
 * The whole platform for one test file: five subgraphs and the gateway as processes on free ports,
 * started before the file's tests (hooks the file registers after this call run after the start), its
 * databases and stream dropped after them, and each process's last lines printed when a test fails
 * (a late event or a refusal: the services' own warnings say why). `runtime: 'compiled'` starts them
 * as `pnpm start` and the image do, from `dist/` with plain node (after `pnpm build:dist`).
 */
export function wholePlatform(
  env: Record<string, string> = {},
  options: Pick<PlatformOptions, 'runtime'> = {},
): WholePlatform {
  const runId = uniqueRunId();
  const fullEnv = { ...testEnv(runId), ...env };
  let platform: Platform | undefined;
  beforeAll(async () => {
    platform = await startPlatformOnFreePorts(fullEnv, options);
  }, 120_000);
  beforeEach(({ onTestFailed }) => onTestFailed(() => console.error(platformTails(platform))));
  afterAll(async () => {
    await platform?.stop();
    await deleteTestStream(fullEnv.EVENTS_STREAM);
    await dropTestDatabases(runId);
  }, 60_000);
  return {
    runId,
    env: fullEnv,
    get platform() {
      if (!platform) throw new Error('the platform is not started yet');
      return platform;
    },
  };
}
