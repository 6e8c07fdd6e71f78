import type { JsMsg } from '@nats-io/jetstream';
import { inConsumerSpan } from '../observability/events.js';
import { traceIdOf } from '../observability/tracing.js';
import type { ConsumerOptions } from './consumer.js';
import type { CloudEvent } from './envelope.js';
import type { EventHandler } from './handler.js';
import { checkPayload } from './payload.js';
import { INBOX_AND_PROGRESS, recordSequences } from './progress.js';
import { signatureHeaderOf } from './signature.js';
import { type Delivery, type Producer, type Refusals, verifyDelivery } from './verification.js';

/**
 * How a consumer applies a batch of deliveries: verified first, then in one go when it can, else one
 * event at a time. The two paths record the same inbox rows and sequence progress.
 */

/** Redelivery delay after the n-th failed delivery: 0.5 s, 1 s, 2 s, ... capped at 30 s. */
export function retryDelayMs(deliveryCount: number): number {
  return Math.min(500 * 2 ** Math.max(0, deliveryCount - 1), 30_000);
}

export type Outcome = { msg: JsMsg; verdict: 'ack' | 'nak' | 'term'; delay?: number };

/** Where a consumer's time went since start, in ms per phase; the events benchmark prints it. */
export interface ConsumerTimings {
  batches: number;
  events: number;
  /** Checking every delivery's signature. */
  verify: number;
  /** Checking out a connection and opening the transaction. */
  begin: number;
  /** The batch's inbox rows and sequence progress (one statement). */
  inbox: number;
  effect: number;
  commit: number;
  ack: number;
}

/** The consumer's state the apply paths read and count into. */
export interface ApplyingConsumer {
  readonly options: ConsumerOptions;
  readonly timings: ConsumerTimings;
  readonly refusals: Refusals;
  applied: number;
  duplicates: number;
  parked: number;
  refused: number;
}

/**
 * The common case in one go: every event verified and its payload fitting its contract, the batch's
 * inbox rows in with one statement, the handlers run without savepoints, and all commit together. If
 * anything fails, is refused or does not fit,
 * nothing of it stays and the batch is applied again one event at a time, so one bad event cannot
 * hold up the rest. Each delivery is verified once, for both paths.
 */
export async function applyBatch(c: ApplyingConsumer, batch: JsMsg[]): Promise<Outcome[]> {
  const started = performance.now();
  const { bus, keyring } = c.options;
  const deliveries = batch.map((msg) => verifyDelivery(msg, bus.prefix, keyring));
  c.timings.verify += performance.now() - started;
  return (await applyAtOnce(c, batch, deliveries)) ?? applyOneByOne(c, batch, deliveries);
}

async function applyAtOnce(
  c: ApplyingConsumer,
  batch: JsMsg[],
  deliveries: Delivery[],
): Promise<Outcome[] | null> {
  const { dataSource, handler, log } = c.options;
  const events: CloudEvent[] = [];
  const producers = new Map<CloudEvent, Producer>();
  const handled = new Set<CloudEvent>();
  for (const d of deliveries) {
    if (d.verdict !== 'verified') return null;
    const payload = checkPayload(handler.consumer.reads, d.event);
    if (payload.verdict === 'mismatch') return null;
    if (payload.verdict === 'handle') handled.add(d.event);
    events.push(d.event);
    producers.set(d.event, d.producer);
  }
  const seen = new Map<string, number[]>();
  for (const event of events) {
    const seq = event.sourceseq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) continue;
    const list = seen.get(event.type) ?? [];
    list.push(seq);
    seen.set(event.type, list);
  }
  const t = c.timings;
  let mark = performance.now();
  const lap = (phase: 'begin' | 'inbox' | 'effect' | 'commit') => {
    const now = performance.now();
    t[phase] += now - mark;
    mark = now;
  };
  const runner = dataSource.createQueryRunner();
  let applied = 0;
  let duplicates = 0;
  try {
    await runner.connect();
    await runner.startTransaction();
    lap('begin');
    const numbered = [...seen].flatMap(([type, seqs]) => seqs.map((seq) => [type, seq] as const));
    const inserted: { event_id: string }[] = await runner.query(INBOX_AND_PROGRESS, [
      handler.consumer.durable,
      events.map((e) => e.id),
      events.map((e) => e.type),
      numbered.map(([type]) => type),
      numbered.map(([, seq]) => seq),
    ]);
    lap('inbox');
    const fresh = new Set(inserted.map((r) => r.event_id));
    const toApply: { event: CloudEvent; msg: JsMsg }[] = [];
    for (const [i, event] of events.entries()) {
      // Each id applies once, even when a replay put it in this batch twice.
      if (!fresh.delete(event.id)) duplicates++;
      else if (handled.has(event)) toApply.push({ event, msg: batch[i] });
      // An event its filter brings but it does not read: its inbox row and number are all it leaves.
      else applied++;
    }
    const producerOf = (event: CloudEvent) => producers.get(event) as Producer;
    if (handler.handleBatch && toApply.length > 0) {
      const first = toApply[0];
      await inConsumerSpan(handler.consumer.durable, first.event, first.msg.headers, () =>
        (handler.handleBatch as NonNullable<EventHandler['handleBatch']>)(
          toApply.map((a) => a.event),
          {
            em: runner.manager,
            log: log.child({ batch: toApply.length }),
            deliveryCount: first.msg.info.deliveryCount,
            producerOf,
          },
        ),
      );
      applied += toApply.length;
    } else {
      for (const { event, msg } of toApply) {
        await inConsumerSpan(handler.consumer.durable, event, msg.headers, () =>
          handler.handle(event, {
            em: runner.manager,
            log: log.child({ eventId: event.id, traceId: traceIdOf() }),
            deliveryCount: msg.info.deliveryCount,
            producer: producerOf(event),
          }),
        );
        applied++;
      }
    }
    lap('effect');
    await runner.commitTransaction();
    lap('commit');
    t.batches++;
    t.events += batch.length;
    c.applied += applied;
    c.duplicates += duplicates;
    return batch.map((msg) => ({ msg, verdict: 'ack' as const }));
  } catch {
    await runner.rollbackTransaction().catch(() => undefined);
    return null;
  } finally {
    await runner.release().catch(() => undefined);
  }
}

/** One savepoint per event: a failing event is retried or parked on its own, a refused one parked at once. */
async function applyOneByOne(
  c: ApplyingConsumer,
  batch: JsMsg[],
  deliveries: Delivery[],
): Promise<Outcome[]> {
  const { dataSource, handler, log } = c.options;
  const maxDeliveries = c.options.maxDeliveries ?? 5;
  const outcomes: Outcome[] = [];
  const seen = new Map<string, number[]>();
  const runner = dataSource.createQueryRunner();
  const park = (msg: JsMsg, eventId: string | null, error: string) =>
    runner.query(
      `INSERT INTO dead_letter (consumer, event_id, subject, payload, error, deliveries, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        handler.consumer.durable,
        eventId,
        msg.subject,
        Buffer.from(msg.data).toString('utf8'),
        error,
        msg.info.deliveryCount,
        signatureHeaderOf(msg.headers),
      ],
    );
  try {
    await runner.connect();
    await runner.startTransaction();
    for (const [i, msg] of batch.entries()) {
      const delivery = deliveries[i];
      const deliveryCount = msg.info.deliveryCount;
      if (delivery.verdict === 'refused') {
        // Not from who it claims: parked now, whatever the delivery count; no inbox row, so a forged
        // copy of a real event's id cannot keep the real one out, and no sequence number.
        await park(msg, delivery.eventId, delivery.error);
        c.parked++;
        c.refused++;
        c.refusals.count('event', delivery.reason);
        log.error(
          {
            durable: handler.consumer.durable,
            eventId: delivery.eventId,
            subject: msg.subject,
            error: delivery.error,
          },
          'event refused and parked in dead letters',
        );
        outcomes.push({ msg, verdict: 'term' });
        continue;
      }
      const savepoint = `e${i}`;
      await runner.query(`SAVEPOINT ${savepoint}`);
      let eventId: string | undefined;
      try {
        if (delivery.verdict === 'malformed') throw delivery.error;
        const { event, producer } = delivery;
        eventId = event.id;
        if (typeof event.sourceseq === 'number') {
          const list = seen.get(event.type) ?? [];
          list.push(event.sourceseq);
          seen.set(event.type, list);
        }
        const payload = checkPayload(handler.consumer.reads, event);
        if (payload.verdict === 'mismatch') {
          // A producer's bug, not a passing fault: no retry can fix it, so it is parked now with the reason.
          // Its number counts as seen (the event is genuine: no gap to repair), but it leaves no inbox
          // row, so once the contract or the producer is fixed `ops:replay` applies it.
          await park(msg, event.id, payload.error);
          await runner.query(`RELEASE SAVEPOINT ${savepoint}`);
          c.parked++;
          log.error(
            {
              durable: handler.consumer.durable,
              eventId: event.id,
              subject: msg.subject,
              error: payload.error,
            },
            'event payload does not match its contract; parked in dead letters',
          );
          outcomes.push({ msg, verdict: 'term' });
          continue;
        }
        const fresh = await runner.query(
          'INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
          [handler.consumer.durable, event.id, event.type],
        );
        if (fresh.length === 0) {
          c.duplicates++;
        } else if (payload.verdict === 'skip') {
          c.applied++;
        } else {
          // Tracing: a CONSUMER span whose parent is the span that recorded the event.
          await inConsumerSpan(handler.consumer.durable, event, msg.headers, () =>
            handler.handle(event, {
              em: runner.manager,
              log: log.child({ eventId: event.id, traceId: traceIdOf() }),
              deliveryCount,
              producer,
            }),
          );
          c.applied++;
        }
        await runner.query(`RELEASE SAVEPOINT ${savepoint}`);
        outcomes.push({ msg, verdict: 'ack' });
      } catch (e) {
        await runner.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        const error = (e as Error).message ?? String(e);
        if (deliveryCount >= maxDeliveries) {
          await park(msg, eventId ?? null, error);
          c.parked++;
          log.error(
            { durable: handler.consumer.durable, eventId, subject: msg.subject, error },
            'event parked in dead letters',
          );
          outcomes.push({ msg, verdict: 'term' });
        } else {
          log.warn(
            { durable: handler.consumer.durable, eventId, error, deliveryCount },
            'event failed; will retry',
          );
          outcomes.push({ msg, verdict: 'nak', delay: retryDelayMs(deliveryCount) });
        }
      }
    }
    await recordSequences(runner.manager, handler.consumer.durable, seen);
    await runner.commitTransaction();
    return outcomes;
  } catch (e) {
    // The database is away or the commit failed: nothing of this batch happened; all come back later.
    await runner.rollbackTransaction().catch(() => undefined);
    log.warn(
      { durable: handler.consumer.durable, err: (e as Error).message },
      'event batch not applied; will retry',
    );
    return batch.map((msg) => ({
      msg,
      verdict: 'nak' as const,
      delay: retryDelayMs(msg.info.deliveryCount),
    }));
  } finally {
    await runner.release().catch(() => undefined);
  }
}
