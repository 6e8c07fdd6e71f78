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

export type EventHandlerFn<T = any> = (event: CloudEvent<T>, ctx: EventContext) => Promise<void>;

/** One durable pull consumer: a purpose of a service (`it-onboarding`) and the events it applies. */
export interface EventHandler<T = any> {
  /** The durable's name, unique per service and purpose, e.g. `it-onboarding`. */
  durable: string;
  /** The event type it applies, e.g. `backoffice.hr.employee.hired`, or a wildcard `backoffice.>`. */
  subject: string;
  handle: EventHandlerFn<T>;
  /**
   * Optional: applies a whole batch (in delivery order, duplicates already removed) with a few
   * statements instead of a few per event. Used when the batch applies in one go; `handle` still
   * serves the careful one-event-at-a-time path after a failure.
   */
  handleBatch?: (events: CloudEvent<T>[], ctx: BatchContext) => Promise<void>;
}
