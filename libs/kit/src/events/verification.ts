import type { JsMsg } from '@nats-io/jetstream';
import type { Keyring } from '../auth/keys.js';
import { type CloudEvent, parseCloudEvent } from './envelope.js';
import { checkSignature } from './signature.js';

/** The service that signed an event, as verified: its name and the id of the key it signed with. */
export interface Producer {
  service: string;
  kid: string;
}

/** Why a message was refused; a metric label, so a short fixed list. */
export type RefusalReason = 'subject' | 'unsigned' | 'signature' | 'source' | 'type';

export type Delivery =
  | { verdict: 'verified'; event: CloudEvent; producer: Producer }
  /** Not from who it says: parked at once, never applied. */
  | { verdict: 'refused'; reason: RefusalReason; error: string; eventId: string | null }
  /** Signed by its producer but not a CloudEvent: a producer's bug, retried and parked like a failing handler. */
  | { verdict: 'malformed'; error: Error };

const EVENT_TYPE = /^backoffice\.([a-z_]+)\.[a-z_]+\.[a-z_]+$/;

/**
 * Decides whether a delivery is an event its producer really published, before anything else looks
 * at it: the producer is the service segment of the subject (`<prefix>backoffice.<service>.…`); the
 * signature must be that service's over the exact bytes; the envelope's `type` must be the subject
 * and its `source` `/backoffice/<service>`. So a service's key speaks only for its own events, and
 * a genuine event altered after signing, or moved to another subject, is refused.
 */
export function verifyDelivery(msg: JsMsg, prefix: string, keyring: Keyring): Delivery {
  const type = msg.subject.startsWith(prefix) ? msg.subject.slice(prefix.length) : '';
  const service = EVENT_TYPE.exec(type)?.[1];
  if (!service)
    return refuse(msg, 'subject', `refused: subject ${msg.subject} is not an event type of this stream`);
  const signature = checkSignature(keyring, service, 'event', type, msg.data, msg.headers);
  if (!signature.ok) {
    if (signature.unsigned) return refuse(msg, 'unsigned', `refused: no signature from ${service}`);
    const by =
      signature.signedBy && signature.signedBy !== service ? ` (signed by ${signature.signedBy})` : '';
    return refuse(msg, 'signature', `refused: no valid signature from ${service}${by}`);
  }
  let event: CloudEvent;
  try {
    event = parseCloudEvent(msg.data);
  } catch (e) {
    return { verdict: 'malformed', error: e as Error };
  }
  if (event.type !== type)
    return refuse(msg, 'type', `refused: type ${event.type} published on ${type}`, event.id);
  if (event.source !== `/backoffice/${service}`)
    return refuse(msg, 'source', `refused: source ${event.source} on ${service}'s subject`, event.id);
  return { verdict: 'verified', event, producer: { service, kid: signature.kid } };
}

function refuse(msg: JsMsg, reason: RefusalReason, error: string, eventId?: string): Delivery {
  return { verdict: 'refused', reason, error, eventId: eventId ?? claimedId(msg.data) };
}

/** The id a refused message claims, for the dead letter only: never trusted, never deduplicated on. */
function claimedId(data: Uint8Array): string | null {
  try {
    const id = JSON.parse(Buffer.from(data).toString('utf8'))?.id;
    return typeof id === 'string' ? id.slice(0, 200) : null;
  } catch {
    return null;
  }
}

/** What kind of message a refusal was about. */
export type RefusedKind = 'event' | 'watermark' | 'replay_request' | 'replay_reply';

/**
 * Messages refused for want of a valid signature since the process started, by kind and reason:
 * the `backoffice_events_refused` metric. Anything above zero means someone publishes on the bus who
 * should not, or a key is missing from TRUSTED_KEYS.
 */
export class Refusals {
  readonly counts = new Map<string, number>();

  count(kind: RefusedKind, reason: string): void {
    const key = `${kind}|${reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  entries(): { kind: string; reason: string; count: number }[] {
    return [...this.counts].map(([key, count]) => {
      const [kind, reason] = key.split('|');
      return { kind, reason, count };
    });
  }
}
