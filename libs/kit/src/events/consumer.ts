import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import type { Keyring } from '../auth/keys.js';
import type { Logger } from '../logger.js';
import { type ApplyingConsumer, type ConsumerTimings, applyBatch } from './apply.js';
import type { Bus } from './bus.js';
import { GapRepair } from './gap-repair.js';
import type { EventHandler } from './handler.js';
import { type SequenceGap, openGaps } from './progress.js';
import { Refusals } from './verification.js';

export { type ConsumerTimings, retryDelayMs } from './apply.js';
export type * from './handler.js';
export type { SequenceGap } from './progress.js';

export interface ConsumerOptions {
  bus: Bus;
  dataSource: DataSource;
  handler: EventHandler;
  log: Logger;
  /** Verifies every delivery, watermark and replay reply against the producer's keys; signs replay requests. */
  keyring: Keyring;
  /** Where refused messages are counted; a service's consumers share one, for its metric. */
  refusals?: Refusals;
  /** Deliveries before an event is parked in the dead-letter table (and the stream flows on). */
  maxDeliveries?: number;
  /**
   * Events applied per transaction at most (notes: committing per batch is the largest single win;
   * 100 -> 500 halved the per-event cost of a loaded machine's round trips). A batch is whatever has
   * arrived, so at partial load batches stay small and latency low.
   */
  batchSize?: number;
  ackWaitMs?: number;
  /** Gap detection and repair: how long a hole may stay open before the source is asked to replay it. */
  repair?: { graceMs?: number; checkEveryMs?: number };
}

/**
 * Applies events exactly once in effect: at-least-once delivery from a durable pull consumer with
 * explicit acks, and an inbox row per (consumer, event id) written in the same transaction as the
 * effect, so a redelivery finds its row and changes nothing. Every delivery is verified first
 * (`verifyDelivery`): one not signed by its producer is parked at once with the reason, and leaves
 * no inbox row and no sequence number behind. Failing events are retried with backoff; after
 * `maxDeliveries` they are parked with their error and the stream keeps flowing.
 */
export class EventConsumer implements ApplyingConsumer {
  private messages: ConsumerMessages | undefined;
  private buffer: JsMsg[] = [];
  private draining: Promise<void> | undefined;
  private running = false;
  private supervisor: Promise<void> | undefined;
  private repair: GapRepair | undefined;
  readonly refusals: Refusals;
  applied = 0;
  duplicates = 0;
  parked = 0;
  /** Deliveries refused for want of a valid signature (also parked). */
  refused = 0;
  readonly timings: ConsumerTimings = {
    batches: 0,
    events: 0,
    verify: 0,
    begin: 0,
    inbox: 0,
    effect: 0,
    commit: 0,
    ack: 0,
  };

  constructor(readonly options: ConsumerOptions) {
    this.refusals = options.refusals ?? new Refusals();
  }

  get durable(): string {
    return this.options.handler.consumer.durable;
  }

  get replayRequests(): number {
    return this.repair?.requests ?? 0;
  }

  async start(): Promise<void> {
    const { bus, handler } = this.options;
    await bus.jsm.consumers
      .add(bus.stream, {
        durable_name: handler.consumer.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: `${bus.prefix}${handler.consumer.reads.subject}`,
        ack_wait: (this.options.ackWaitMs ?? 30_000) * 1_000_000,
        max_deliver: -1, // we count deliveries ourselves and park, so the server never silently drops one
        max_ack_pending: 1_000,
      })
      .catch(async (e: Error) => {
        // An existing durable with another config: update the parts that may change.
        if (!/already exists|consumer name already in use/i.test(e.message)) throw e;
      });
    this.running = true;
    this.supervisor = this.supervise();
    if (this.options.repair) {
      this.repair = new GapRepair({
        ...this.options,
        ...this.options.repair,
        refusals: this.refusals,
        lag: () => this.lag(),
      });
      this.repair.start();
    }
  }

  /** Keeps a consume() loop alive: it survives reconnects, and is re-created if it ever closes. */
  private async supervise(): Promise<void> {
    const { bus, handler, log } = this.options;
    while (this.running) {
      try {
        const consumer = await bus.js.consumers.get(bus.stream, handler.consumer.durable);
        this.messages = await consumer.consume({
          // Pulls keep up to this many on their way, so a batch's worth is waiting when one commits.
          max_messages: 1_000,
          callback: (msg) => {
            this.buffer.push(msg);
            this.schedule();
          },
        });
        await this.messages.closed();
      } catch (e) {
        if (this.running)
          log.warn({ err: (e as Error).message, durable: handler.consumer.durable }, 'consumer interrupted');
      }
      if (this.running) await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  private schedule(): void {
    if (this.draining) return;
    // The client hands over the messages of one socket read one by one: starting at once would make
    // the first a batch of its own and leave the rest waiting for its commit. After this turn of the
    // event loop they are all in the buffer, and one transaction takes them together.
    const arrived = new Promise<void>((resolve) => setImmediate(resolve));
    this.draining = arrived
      .then(() => this.drain())
      .finally(() => {
        this.draining = undefined;
        if (this.buffer.length > 0 && this.running) this.schedule();
      });
  }

  /** Waits until everything received so far has been applied, then stops fetching. */
  async stop(): Promise<void> {
    this.running = false;
    this.repair?.stop();
    await this.messages?.close().catch(() => undefined);
    await this.draining;
    await this.supervisor;
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, batchSize);
      const outcomes = await applyBatch(this, batch);
      const started = performance.now();
      for (const o of outcomes) {
        if (o.verdict === 'ack') o.msg.ack();
        // Parked safely in dead_letter: acknowledge it, so the stream's ack floor moves on. (A TERM with
        // a reason is ignored by nats-server 2.9, which would bring the event back every ack_wait.)
        else if (o.verdict === 'term') o.msg.ack();
        else o.msg.nak(o.delay);
      }
      this.timings.ack += performance.now() - started;
    }
  }

  /** Holes in what this consumer has seen, oldest first. */
  gaps(): Promise<SequenceGap[]> {
    return openGaps(this.options.dataSource, this.options.handler.consumer.durable);
  }

  /** Asks the sources to replay the holes that outlived the grace period; returns how many it asked for. */
  repairGaps(now = Date.now()): Promise<number> {
    return this.repair?.repairGaps(now) ?? Promise.resolve(0);
  }

  /** Messages delivered to this durable that are not yet acknowledged, plus those not yet delivered. */
  async lag(): Promise<number> {
    const info = await this.options.bus.jsm.consumers.info(
      this.options.bus.stream,
      this.options.handler.consumer.durable,
    );
    return info.num_pending + info.num_ack_pending;
  }
}
