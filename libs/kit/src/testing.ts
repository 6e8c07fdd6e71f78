import { jetstreamManager, type PubAck } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createKeyring, devSigningKey, devTrustedKeys, type Keyring, PRINCIPALS } from './auth/keys.js';
import type { Bus } from './events/bus.js';
import type { CloudEvent } from './events/envelope.js';
import { sourceOf } from './events/replay.js';
import { signMessage } from './events/signature.js';

/**
 * Test helpers that need the NATS client. They live in the kit because `@nats-io/*` is a dependency
 * of the kit only and does not resolve from outside it; `@backoffice/testkit` re-exports them.
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

/**
 * A keyring for `self` on the repo's dev keys, trusting every platform principal's dev key and those
 * of `alsoTrusted`: for tests and benches that run a relay or a consumer of their own under a name
 * that is not a platform service (`kit`, `bench`).
 */
export function testKeyring(self: string, ...alsoTrusted: string[]): Keyring {
  const trusted = devTrustedKeys([...new Set<string>([...PRINCIPALS, self, ...alsoTrusted])]);
  return createKeyring(self, devSigningKey(self), trusted);
}

/**
 * Publishes an event as its producer's relay would: signed (by the dev key of the service its type
 * names, unless `keyring` is given) over the exact body sent. Anything published unsigned is now
 * refused and parked by every consumer.
 */
export function publishSignedEvent(
  bus: Pick<Bus, 'js' | 'prefix'>,
  event: CloudEvent,
  options: { keyring?: Keyring; msgID?: string } = {},
): Promise<PubAck> {
  return publishSignedBody(bus, event.type, JSON.stringify(event), { msgID: event.id, ...options });
}

/** Publishes `body` (any text, a poison message too) on `type`'s subject, signed as `publishSignedEvent` does. */
export function publishSignedBody(
  bus: Pick<Bus, 'js' | 'prefix'>,
  type: string,
  body: string,
  options: { keyring?: Keyring; msgID?: string } = {},
): Promise<PubAck> {
  const keyring = options.keyring ?? testKeyring(sourceOf(type));
  return bus.js.publish(`${bus.prefix}${type}`, body, {
    msgID: options.msgID,
    headers: signMessage(keyring, 'event', type, body),
  });
}
