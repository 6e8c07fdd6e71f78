import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/**
 * Test helpers that need the NATS client. They live in the kit because `@nats-io/*` is a dependency
 * of the kit only and does not resolve from the root `test/` folder; `test/support` re-exports them.
 */

/** Deletes a JetStream stream a test run created; a stream that does not exist is not an error. */
export async function deleteTestStream(
  name: string,
  natsUrl: string = process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
): Promise<boolean> {
  // Refuse the production stream, so a typo in a test can never wipe real events.
  if (name === 'BACKOFFICE') throw new Error('deleteTestStream refuses to delete the BACKOFFICE stream');
  const nc = await connect({ servers: natsUrl, name: 'backoffice-test-cleanup' });
  try {
    const jsm = await jetstreamManager(nc);
    try {
      return await jsm.streams.delete(name);
    } catch (err) {
      if (/stream not found/i.test(String((err as Error).message))) return false;
      throw err;
    }
  } finally {
    await nc.close();
  }
}

/** Creates (or keeps) a stream for a test that needs one before any service has started. */
export async function createTestStream(
  name: string,
  subjects: string[],
  natsUrl: string = process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
): Promise<void> {
  const nc = await connect({ servers: natsUrl, name: 'backoffice-test-setup' });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name, subjects });
  } finally {
    await nc.close();
  }
}
