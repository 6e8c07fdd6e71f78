import type { z } from 'zod';

/**
 * One event between services, written once: its type (= NATS subject = CloudEvents `type`), the service
 * that produces it, and the schema of its payload. Producers build payloads of its `Data` type, consumers
 * read the same type and check every payload against the schema on receipt, so a renamed field fails
 * `tsc` or parks the event with the reason instead of being read as `undefined`.
 *
 * Payloads are versioned by adding optional fields only; a breaking change gets a new event type. So
 * schemas are plain (non-strict) objects: a consumer accepts fields it does not know yet.
 */
export interface EventContract<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly type: Type;
  readonly producer: string;
  readonly aggregate: string;
  readonly verb: string;
  /** One line for the catalogue (docs/events.md). */
  readonly summary: string;
  readonly schema: Schema;
}

/** The payload of a contract's events. */
export type Data<C extends EventContract> = z.infer<C['schema']>;

/** The root of every event type, and of the stream's subjects. */
export const EVENT_ROOT = 'backoffice';

export function defineEvent<
  P extends string,
  A extends string,
  V extends string,
  S extends z.ZodType,
>(definition: {
  producer: P;
  aggregate: A;
  verb: V;
  summary: string;
  schema: S;
}): EventContract<`backoffice.${P}.${A}.${V}`, S> {
  const { producer, aggregate, verb } = definition;
  for (const token of [producer, aggregate, verb])
    if (!/^[a-z_]+$/.test(token)) throw new Error(`event type token "${token}" is not lower_snake_case`);
  return { ...definition, type: `${EVENT_ROOT}.${producer}.${aggregate}.${verb}` as const };
}

/**
 * What a consumer reads: a NATS filter subject and the contracts of the events it is handed. `contracts`
 * null reads every event unchecked (the audit trail records what was signed, whatever its payload).
 */
export interface Subscription<C extends EventContract = EventContract> {
  readonly subject: string;
  readonly contracts: readonly C[] | null;
}

/**
 * The events of some contracts, on the narrowest single filter that covers them (JetStream durables have
 * one filter): `oneOf(hr.employeeHired, hr.employeeTerminated)` reads `backoffice.hr.employee.*`. Events
 * the filter also brings (here `employee.updated`) are acknowledged without reaching the handler.
 */
export function oneOf<const Cs extends readonly EventContract[]>(...contracts: Cs): Subscription<Cs[number]> {
  if (contracts.length === 0) throw new Error('a subscription reads at least one contract');
  const tokens = contracts.map((c) => c.type.split('.'));
  const subject = tokens[0].map((t, i) => (tokens.every((ts) => ts[i] === t) ? t : '*')).join('.');
  return { subject, contracts };
}

/** Every event of every service, unchecked: the audit trail. */
export const allEvents: Subscription<never> = { subject: `${EVENT_ROOT}.>`, contracts: null };

/** One durable pull consumer of a service: its name and what it reads. */
export interface Consumer<C extends EventContract = EventContract> {
  readonly service: string;
  readonly durable: string;
  readonly reads: Subscription<C>;
}

export function consumer<C extends EventContract>(
  service: string,
  durable: string,
  reads: Subscription<C> | C,
): Consumer<C> {
  if (!durable.startsWith(`${service}-`)) throw new Error(`durable ${durable} must start with "${service}-"`);
  return { service, durable, reads: 'schema' in reads ? oneOf(reads) : reads };
}
