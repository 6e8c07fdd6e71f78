import { randomBytes } from 'node:crypto';

/**
 * Every test run gets its own databases, stream and subjects, so runs in parallel (two workers,
 * two developers on one CI host) never see each other's data.
 */

/** 8 characters of [a-z0-9], starting with a letter: valid in database, stream and subject names. */
export function uniqueRunId(): string {
  const time = Date.now().toString(36).slice(-4);
  const random = [...randomBytes(3)].map((b) => (b % 36).toString(36)).join('');
  const letter = 'abcdefghijklmnopqrstuvwxyz'[randomBytes(1)[0] % 26];
  return `${letter}${time}${random}`;
}

export function assertRunId(runId: string): void {
  if (!/^[a-z0-9]{1,20}$/.test(runId))
    throw new Error(`not a run id (lowercase letters and digits): ${runId}`);
}

/**
 * The environment that isolates a run: database suffix, stream name and subject prefix; and dev mode
 * said out loud (BACKOFFICE_DEV=1), since processes refuse the repo's dev keys without it.
 */
export function testEnv(runId: string): Record<string, string> {
  assertRunId(runId);
  return {
    BACKOFFICE_DEV: '1',
    DATABASE_SUFFIX: `_t${runId}`,
    EVENTS_STREAM: `T${runId.toUpperCase()}`,
    EVENTS_SUBJECT_PREFIX: `t${runId}.`,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  };
}
