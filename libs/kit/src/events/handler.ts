import type { Consumer, Data, EventContract } from '@backoffice/events';
import type { EntityManager } from 'typeorm';
import type { Logger } from '../logger.js';
import type { CloudEvent } from './envelope.js';
import type { Producer } from './verification.js';

export type { Producer } from './verification.js';

export interface EventContext {
  /** The consumer's transaction: the effect, its inbox row and any events it records commit together. */
  em: EntityManager;
  log: Logger;
  deliveryCount: number;
  /** Who published the event, verified by its signature before the handler runs. */
  producer: Producer;
}

/** A batch's context: its events may come from several producers, each verified. */
export interface BatchContext extends Omit<EventContext, 'producer'> {
  producerOf(event: CloudEvent): Producer;
}

/** An event as a handler of `C` receives it: one of its contracts' types, with that contract's payload. */
export type EventOf<C extends EventContract> = C extends EventContract
  ? CloudEvent<Data<C>> & { type: C['type'] }
  : never;

/** What a consumer of `C` is handed: its contracts' events, or any event when it reads the whole stream. */
export type Received<C extends EventContract> = [C] extends [never] ? CloudEvent : EventOf<C>;

export type EventHandlerFn<C extends EventContract = any> = (
  event: Received<C>,
  ctx: EventContext,
) => Promise<void>;

/**
 * One durable pull consumer: a purpose of a service and the events it applies, named by its entry in
 * `CONSUMERS` (@backoffice/events), e.g. `{ consumer: CONSUMERS.it.onboarding, handle }`. Every payload
 * is checked against its contract before `handle` sees it; one that does not match is parked with the reason.
 */
export interface EventHandler<C extends EventContract = any> {
  consumer: Consumer<C>;
  handle: EventHandlerFn<C>;
  /**
   * Optional: applies a whole batch (in delivery order, duplicates already removed) with a few
   * statements instead of a few per event. Used when the batch applies in one go; `handle` still
   * serves the careful one-event-at-a-time path after a failure.
   */
  handleBatch?: (events: Received<C>[], ctx: BatchContext) => Promise<void>;
}
