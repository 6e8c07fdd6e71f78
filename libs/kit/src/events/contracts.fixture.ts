import { type EventContract, type Subscription, consumer, defineEvent } from '@backoffice/events';
import { z } from 'zod';

/**
 * The kit tests' own events, of a producer `kit` no service is: contracts like the services' ones, so
 * the tests build and read events the way the services do, without borrowing a real event.
 */
const define = <A extends string, V extends string, S extends z.ZodType>(aggregate: A, verb: V, schema: S) =>
  defineEvent({ producer: 'kit', aggregate, verb, summary: 'a kit test event', schema });

const text = z.object({ text: z.string() });
const numbered = z.object({ n: z.number() });

export const kitEvents = {
  greetingSaid: define('greeting', 'said', text),
  greetingWaved: define('greeting', 'waved', text),
  tallyReset: define('tally', 'reset', z.object({ i: z.number() })),
  tallyCounted: define('tally', 'counted', z.object({ i: z.number() })),
  countMade: define('count', 'made', z.object({ seq: z.number() })),
  countKept: define('count', 'kept', z.object({ seq: z.number() })),
  thingDone: define('thing', 'done', numbered),
  itemMade: define('item', 'made', numbered),
  tailMade: define('tail', 'made', numbered),
};

/** Events of sources the tests' keyrings do not speak for. */
export const strangerEvents = {
  otherTailMade: defineEvent({
    producer: 'other',
    aggregate: 'tail',
    verb: 'made',
    summary: '',
    schema: numbered,
  }),
  ghostThingDone: defineEvent({
    producer: 'ghost',
    aggregate: 'thing',
    verb: 'done',
    summary: '',
    schema: numbered,
  }),
};

/** A test consumer named `<service>-<purpose>`. */
export const testConsumer = <C extends EventContract>(durable: string, reads: Subscription<C> | C) =>
  consumer(durable.split('-')[0], durable, reads);
