import { randomUUID } from 'node:crypto';
import type { Data, EventContract } from '@backoffice/events';
import type { Identity } from '../auth/identity.js';

/**
 * A domain event as a CloudEvents 1.0 structured-mode JSON document. `actor` (an extension
 * attribute) is the verified user who caused the event, never client input.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  actor?: string | null;
  data: T;
  [extension: string]: unknown;
}

/**
 * Builds the envelope of an event of `contract`, e.g. `domainEvent(hr.employeeHired, id, data, identity)`:
 * the data must be the contract's payload type, so a producer cannot send what its consumers do not read.
 */
export function domainEvent<C extends EventContract>(
  contract: C,
  subject: string,
  data: Data<C>,
  actor?: Pick<Identity, 'userId'> | null,
): CloudEvent<Data<C>> & { type: C['type'] } {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: `/backoffice/${contract.producer}`,
    type: contract.type,
    time: new Date().toISOString(),
    subject,
    datacontenttype: 'application/json',
    actor: actor?.userId ?? null,
    data,
  };
}

export class MalformedEventError extends Error {}

/** Parses and checks an envelope from the bus; anything that is not a CloudEvent is refused. */
export function parseCloudEvent(raw: Uint8Array | string): CloudEvent {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
  } catch {
    throw new MalformedEventError('payload is not JSON');
  }
  if (!doc || typeof doc !== 'object') throw new MalformedEventError('payload is not a JSON object');
  const e = doc as Record<string, unknown>;
  for (const key of ['id', 'source', 'type', 'time', 'subject'] as const) {
    if (typeof e[key] !== 'string' || (e[key] as string).length === 0) {
      throw new MalformedEventError(`CloudEvent attribute "${key}" is missing or not a string`);
    }
  }
  if (e.specversion !== '1.0') throw new MalformedEventError('CloudEvent specversion must be "1.0"');
  if (!/^backoffice\.[a-z_]+\.[a-z_]+\.[a-z_]+$/.test(e.type as string)) {
    throw new MalformedEventError(
      `CloudEvent type "${String(e.type)}" is not backoffice.<service>.<aggregate>.<verb>`,
    );
  }
  return e as unknown as CloudEvent;
}
