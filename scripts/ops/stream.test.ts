import { allEvents } from '@backoffice/events';
import { connectBus, streamMaxAge } from '@backoffice/kit';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteTestStream, testEnv, uniqueRunId } from '@backoffice/testkit';
import { provisionEventStream } from './stream.js';

/** `pnpm ops:stream` on the shared server, on a stream of this run's own. */
const env: Record<string, string> = {
  ...testEnv(uniqueRunId()),
  NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
};
afterAll(() => deleteTestStream(env.EVENTS_STREAM, env.NATS_URL));

describe('ops:stream', () => {
  it('creates the stream with max_age = OUTBOX_RETENTION_DAYS, and follows a change of it', async () => {
    expect(await provisionEventStream({ ...env, OUTBOX_RETENTION_DAYS: '3' })).toMatch(/events kept 3 days/);
    expect(await provisionEventStream({ ...env, OUTBOX_RETENTION_DAYS: '5' })).toMatch(/events kept 5 days/);
    const bus = await connectBus({
      url: env.NATS_URL,
      stream: env.EVENTS_STREAM,
      prefix: env.EVENTS_SUBJECT_PREFIX,
      name: 'ops-stream-test',
      provision: false,
    });
    const info = await bus.jsm.streams.info(env.EVENTS_STREAM);
    await bus.nc.close();
    expect(info.config.max_age).toBe(streamMaxAge(5));
    expect(info.config.subjects).toEqual([`${env.EVENTS_SUBJECT_PREFIX}${allEvents.subject}`]);
  });
});
