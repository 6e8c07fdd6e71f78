import type { EventContract, Subscription } from '@backoffice/events';
import type { CloudEvent } from './envelope.js';

/** What a consumer does with a verified event, by the contracts it reads. */
export type PayloadVerdict =
  /** One of its contracts' events, and the payload fits: handed to the handler. */
  | { verdict: 'handle' }
  /** Its filter brought an event it does not read (e.g. `employee.updated` on `employee.*`): acknowledged only. */
  | { verdict: 'skip' }
  /** One of its contracts' events whose payload does not fit: a producer's bug, parked with the reason. */
  | { verdict: 'mismatch'; error: string };

const HANDLE = { verdict: 'handle' } as const;
const SKIP = { verdict: 'skip' } as const;
const byType = new WeakMap<Subscription, Map<string, EventContract>>();

/**
 * Checks an event against the contract it is read by. The schemas are non-strict, so fields a consumer
 * does not know yet (payloads grow by optional fields) pass; a missing or mistyped field does not.
 */
export function checkPayload(reads: Subscription, event: CloudEvent): PayloadVerdict {
  if (reads.contracts === null) return HANDLE;
  let contracts = byType.get(reads);
  if (!contracts) {
    contracts = new Map(reads.contracts.map((c) => [c.type, c]));
    byType.set(reads, contracts);
  }
  const contract = contracts.get(event.type);
  if (!contract) return SKIP;
  const parsed = contract.schema.safeParse(event.data);
  if (parsed.success) return HANDLE;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(payload)'}: ${i.message}`);
  return { verdict: 'mismatch', error: `payload does not match ${contract.type}: ${issues.join('; ')}` };
}
