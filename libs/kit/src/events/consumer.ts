import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { DataSource, EntityManager } from 'typeorm';
import { poolOf } from '../db/database.js';
import type { Logger } from '../logger.js';
import { inConsumerSpan } from '../observability/events.js';
import { traceIdOf } from '../observability/tracing.js';
import type { Bus } from './bus.js';
import { type CloudEvent, parseCloudEvent } from './envelope.js';
import { requestReplay, sourceOf } from './replay.js';
import { type SequenceProgress, advance, holes, subjectMatches } from './sequence.js';
import { watermarkSubject } from './replay.js';

export interface EventContext {
  /** The consumer's transaction: the effect, its inbox row and any events it records commit together. */
  em: EntityManager;
  log: Logger;
  deliveryCount: number;
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
  handleBatch?: (events: CloudEvent<T>[], ctx: EventContext) => Promise<void>;
}

export interface ConsumerOptions {
  bus: Bus;
  dataSource: DataSource;
  handler: EventHandler;
  log: Logger;
  /** Deliveries before an event is parked in the dead-letter table (and the stream flows on). */
  maxDeliveries?: number;
  /**
   * Events applied per transaction at most (notes: committing per batch is the largest single win;
   * 100 -> 500 halved the per-event cost of a loaded machine's round trips). A batch is whatever has
   * arrived, so at partial load batches stay small and latency low.
   */
  batchSize?: number;
  ackWaitMs?: number;
  /** Gap detection and repair: the key replay requests are signed with, and how long a hole may stay open. */
  repair?: { key: string; graceMs?: number; checkEveryMs?: number };
}

export interface SequenceGap {
  subject: string;
  from: number;
  to: number;
  since: Date;
  /** Set when the source no longer holds the range (older than its outbox retention). */
  unrecoverable: string | null;
}

/** Redelivery delay after the n-th failed delivery: 0.5 s, 1 s, 2 s, ... capped at 30 s. */
export function retryDelayMs(deliveryCount: number): number {
  return Math.min(500 * 2 ** Math.max(0, deliveryCount - 1), 30_000);
}

type Outcome = { msg: JsMsg; verdict: 'ack' | 'nak' | 'term'; delay?: number };

/** Where a consumer's time went since start, in ms per phase; the events benchmark prints it. */
export interface ConsumerTimings {
  batches: number;
  events: number;
  /** Checking out a connection and opening the transaction. */
  begin: number;
  /** The batch's inbox rows and sequence progress (one statement). */
  inbox: number;
  effect: number;
  commit: number;
  ack: number;
}

interface Progress {
  subject: string;
  contiguous: string;
  above: string[];
  known_max: string;
}

/**
 * The batch's inbox rows and this consumer's sequence progress in one statement (one round trip):
 * inserts the inbox rows, returning the ids that are new; locks the progress of the batch's event
 * types and advances it by the numbers seen, as `advance` does (numbers at or below `contiguous`
 * change nothing; `contiguous` moves up through the numbers that follow it without a hole; the rest
 * stay in `above`); a hole below the highest number seen, or a watermark above `contiguous`, keeps
 * the gap open. The one-event-at-a-time path does the same in TypeScript (`recordSequences`).
 */
const INBOX_AND_PROGRESS = `
  WITH fresh AS (
    INSERT INTO inbox (consumer, event_id, event_type)
    SELECT $1, e.id, e.type FROM unnest($2::text[], $3::text[]) AS e(id, type)
    ON CONFLICT DO NOTHING RETURNING event_id
  ), seen AS (
    SELECT subject, seq FROM unnest($4::text[], $5::bigint[]) AS s(subject, seq)
  ), locked AS (
    SELECT subject, contiguous, above, known_max FROM consumer_sequence
    WHERE consumer = $1 AND subject IN (SELECT subject FROM seen) ORDER BY subject FOR UPDATE
  ), stored AS (
    SELECT s.subject, COALESCE(l.contiguous, 0) AS contiguous, COALESCE(l.above, '{}') AS above,
           COALESCE(l.known_max, 0) AS known_max
    FROM (SELECT DISTINCT subject FROM seen) s LEFT JOIN locked l USING (subject)
  ), numbers AS (
    SELECT o.subject, d.x, row_number() OVER (PARTITION BY o.subject ORDER BY d.x) AS rn
    FROM stored o CROSS JOIN LATERAL (
      SELECT a.x FROM unnest(o.above) AS a(x) UNION SELECT seq FROM seen WHERE seen.subject = o.subject
    ) d
    WHERE d.x > o.contiguous
  ), progress AS (
    -- Above contiguous, in order: the first k numbers are contiguous + 1 .. contiguous + k exactly
    -- when x - rn = contiguous for them; after a hole x - rn grows.
    SELECT o.subject, o.contiguous + count(n.x) FILTER (WHERE n.x - n.rn = o.contiguous) AS contiguous,
           COALESCE(array_agg(n.x ORDER BY n.x) FILTER (WHERE n.x - n.rn > o.contiguous), '{}') AS above,
           o.known_max
    FROM stored o LEFT JOIN numbers n USING (subject)
    GROUP BY o.subject, o.contiguous, o.known_max
  ), saved AS (
    INSERT INTO consumer_sequence (consumer, source, subject, contiguous, above, gap_since)
    SELECT $1, split_part(subject, '.', 2), subject, contiguous, above,
           CASE WHEN cardinality(above) > 0 OR known_max > contiguous THEN clock_timestamp() END
    FROM progress
    ON CONFLICT (consumer, subject) DO UPDATE SET contiguous = EXCLUDED.contiguous, above = EXCLUDED.above,
      gap_since = CASE WHEN EXCLUDED.gap_since IS NOT NULL
                       THEN COALESCE(consumer_sequence.gap_since, EXCLUDED.gap_since) END,
      unrecoverable = CASE WHEN EXCLUDED.gap_since IS NOT NULL THEN consumer_sequence.unrecoverable END
  )
  SELECT event_id FROM fresh`;

/**
 * Applies events exactly once in effect: at-least-once delivery from a durable pull consumer with
 * explicit acks, and an inbox row per (consumer, event id) written in the same transaction as the
 * effect, so a redelivery finds its row and changes nothing. Failing events are retried with
 * backoff; after `maxDeliveries` they are parked with their error and the stream keeps flowing.
 */
export class EventConsumer {
  private messages: ConsumerMessages | undefined;
  private buffer: JsMsg[] = [];
  private draining: Promise<void> | undefined;
  private running = false;
  private supervisor: Promise<void> | undefined;
  private gapTimer: NodeJS.Timeout | undefined;
  private watermarks: { unsubscribe(): void } | undefined;
  applied = 0;
  replayRequests = 0;
  duplicates = 0;
  parked = 0;
  readonly timings: ConsumerTimings = {
    batches: 0,
    events: 0,
    begin: 0,
    inbox: 0,
    effect: 0,
    commit: 0,
    ack: 0,
  };

  constructor(private readonly options: ConsumerOptions) {}

  get durable(): string {
    return this.options.handler.durable;
  }

  async start(): Promise<void> {
    const { bus, handler } = this.options;
    await bus.jsm.consumers
      .add(bus.stream, {
        durable_name: handler.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: `${bus.prefix}${handler.subject}`,
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
      this.listenForWatermarks();
      const every = this.options.repair.checkEveryMs ?? 1_000;
      this.gapTimer = setInterval(() => {
        void this.repairGaps().catch((e) =>
          this.options.log.warn({ err: (e as Error).message }, 'gap repair failed'),
        );
      }, every);
    }
  }

  /** Keeps a consume() loop alive: it survives reconnects, and is re-created if it ever closes. */
  private async supervise(): Promise<void> {
    const { bus, handler, log } = this.options;
    while (this.running) {
      try {
        const consumer = await bus.js.consumers.get(bus.stream, handler.durable);
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
          log.warn({ err: (e as Error).message, durable: handler.durable }, 'consumer interrupted');
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
    clearInterval(this.gapTimer);
    this.watermarks?.unsubscribe();
    await this.messages?.close().catch(() => undefined);
    await this.draining;
    await this.supervisor;
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, batchSize);
      const outcomes = await this.applyBatch(batch);
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

  /**
   * The common case in one go: every event parses, the batch's inbox rows go in with one statement,
   * the handlers run without savepoints, and all commit together. If anything fails, nothing of it
   * stays and the batch is applied again one event at a time, so one bad event cannot hold up the rest.
   */
  private async applyBatch(batch: JsMsg[]): Promise<Outcome[]> {
    return (await this.applyAtOnce(batch)) ?? this.applyOneByOne(batch);
  }

  private async applyAtOnce(batch: JsMsg[]): Promise<Outcome[] | null> {
    const { dataSource, handler, log } = this.options;
    const events: CloudEvent[] = [];
    try {
      for (const msg of batch) events.push(parseCloudEvent(msg.data));
    } catch {
      return null;
    }
    const seen = new Map<string, number[]>();
    for (const event of events) {
      const seq = event.sourceseq;
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) continue;
      const list = seen.get(event.type) ?? [];
      list.push(seq);
      seen.set(event.type, list);
    }
    const t = this.timings;
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
        handler.durable,
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
        if (fresh.delete(event.id)) toApply.push({ event, msg: batch[i] });
        else duplicates++;
      }
      if (handler.handleBatch && toApply.length > 0) {
        const first = toApply[0];
        await inConsumerSpan(handler.durable, first.event, first.msg.headers, () =>
          (handler.handleBatch as NonNullable<EventHandler['handleBatch']>)(
            toApply.map((a) => a.event),
            {
              em: runner.manager,
              log: log.child({ batch: toApply.length }),
              deliveryCount: first.msg.info.deliveryCount,
            },
          ),
        );
        applied += toApply.length;
      } else {
        for (const { event, msg } of toApply) {
          await inConsumerSpan(handler.durable, event, msg.headers, () =>
            handler.handle(event, {
              em: runner.manager,
              log: log.child({ eventId: event.id, traceId: traceIdOf() }),
              deliveryCount: msg.info.deliveryCount,
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
      this.applied += applied;
      this.duplicates += duplicates;
      return batch.map((msg) => ({ msg, verdict: 'ack' as const }));
    } catch {
      await runner.rollbackTransaction().catch(() => undefined);
      return null;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  /** One savepoint per event: a failing event is retried or parked on its own. */
  private async applyOneByOne(batch: JsMsg[]): Promise<Outcome[]> {
    const { dataSource, handler, log } = this.options;
    const maxDeliveries = this.options.maxDeliveries ?? 5;
    const outcomes: Outcome[] = [];
    const seen = new Map<string, number[]>();
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      for (const [i, msg] of batch.entries()) {
        const deliveryCount = msg.info.deliveryCount;
        const savepoint = `e${i}`;
        await runner.query(`SAVEPOINT ${savepoint}`);
        let eventId: string | undefined;
        try {
          const event = parseCloudEvent(msg.data);
          eventId = event.id;
          if (typeof event.sourceseq === 'number') {
            const list = seen.get(event.type) ?? [];
            list.push(event.sourceseq);
            seen.set(event.type, list);
          }
          const fresh = await runner.query(
            'INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
            [handler.durable, event.id, event.type],
          );
          if (fresh.length === 0) {
            this.duplicates++;
          } else {
            // Tracing: a CONSUMER span whose parent is the span that recorded the event.
            await inConsumerSpan(handler.durable, event, msg.headers, () =>
              handler.handle(event, {
                em: runner.manager,
                log: log.child({ eventId: event.id, traceId: traceIdOf() }),
                deliveryCount,
              }),
            );
            this.applied++;
          }
          await runner.query(`RELEASE SAVEPOINT ${savepoint}`);
          outcomes.push({ msg, verdict: 'ack' });
        } catch (e) {
          await runner.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
          const error = (e as Error).message ?? String(e);
          if (deliveryCount >= maxDeliveries) {
            await runner.query(
              `INSERT INTO dead_letter (consumer, event_id, subject, payload, error, deliveries)
               VALUES ($1, $2, $3, $4, $5, $6)`,
              [
                handler.durable,
                eventId ?? null,
                msg.subject,
                Buffer.from(msg.data).toString('utf8'),
                error,
                deliveryCount,
              ],
            );
            this.parked++;
            log.error(
              { durable: handler.durable, eventId, subject: msg.subject, error },
              'event parked in dead letters',
            );
            outcomes.push({ msg, verdict: 'term' });
          } else {
            log.warn({ durable: handler.durable, eventId, error, deliveryCount }, 'event failed; will retry');
            outcomes.push({ msg, verdict: 'nak', delay: retryDelayMs(deliveryCount) });
          }
        }
      }
      await this.recordSequences(runner.manager, seen);
      await runner.commitTransaction();
      return outcomes;
    } catch (e) {
      // The database is away or the commit failed: nothing of this batch happened; all come back later.
      await runner.rollbackTransaction().catch(() => undefined);
      log.warn(
        { durable: handler.durable, err: (e as Error).message },
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

  /**
   * Sources announce, every few seconds, the last number they published per type. A number above
   * anything this consumer has seen, once it has caught up with the stream, means the stream lost
   * the newest events: no later event would ever reveal that hole.
   */
  private listenForWatermarks(): void {
    const { bus, handler, dataSource, log } = this.options;
    const parts = handler.subject.split('.');
    const source = parts[1] === '>' || parts[1] === '*' || !parts[1] ? '*' : parts[1];
    this.watermarks = bus.nc.subscribe(watermarkSubject(bus.prefix, source), {
      callback: (err, msg) => {
        if (err || !this.running) return;
        void (async () => {
          const mark = JSON.parse(new TextDecoder().decode(msg.data)) as { subjects: Record<string, number> };
          for (const [subject, last] of Object.entries(mark.subjects ?? {})) {
            if (!subjectMatches(handler.subject, subject) || !Number.isSafeInteger(last)) continue;
            await dataSource.query(
              `INSERT INTO consumer_sequence (consumer, source, subject, known_max, gap_since)
               VALUES ($1, $2, $3, $4::bigint, CASE WHEN $4::bigint > 0 THEN clock_timestamp() END)
               ON CONFLICT (consumer, subject) DO UPDATE SET known_max = GREATEST(consumer_sequence.known_max, $4::bigint),
                 gap_since = CASE WHEN GREATEST(consumer_sequence.known_max, $4::bigint) > consumer_sequence.contiguous
                                  THEN COALESCE(consumer_sequence.gap_since, clock_timestamp()) ELSE consumer_sequence.gap_since END`,
              [handler.durable, sourceOf(subject), subject, last],
            );
          }
        })().catch((e) => log.warn({ err: (e as Error).message }, 'watermark not recorded'));
      },
    });
  }

  /**
   * Advances this consumer's per-type sequence progress, in the batch's transaction (the path one
   * event at a time; the batch path does the same inside INBOX_AND_PROGRESS).
   */
  private async recordSequences(em: EntityManager, seen: Map<string, number[]>): Promise<void> {
    if (seen.size === 0) return;
    const durable = this.options.handler.durable;
    const rows: Progress[] = await em.query(
      `SELECT subject, contiguous, above, known_max FROM consumer_sequence
         WHERE consumer = $1 AND subject = ANY($2::text[]) ORDER BY subject FOR UPDATE`,
      [durable, [...seen.keys()]],
    );
    const stored = new Map(rows.map((r) => [r.subject, r]));
    const next = [...seen].map(([subject, seqs]) => {
      const row = stored.get(subject);
      let progress: SequenceProgress = row
        ? { contiguous: Number(row.contiguous), above: row.above.map(Number) }
        : { contiguous: 0, above: [] };
      for (const seq of seqs) progress = advance(progress, seq);
      // Still open: a hole below the highest number seen, or the source's watermark says more exists.
      const open = progress.above.length > 0 || Number(row?.known_max ?? 0) > progress.contiguous;
      return { source: sourceOf(subject), subject, ...progress, open };
    });
    await em.query(
      `INSERT INTO consumer_sequence (consumer, source, subject, contiguous, above, gap_since)
       SELECT $1, x.source, x.subject, x.contiguous, x.above, CASE WHEN x.open THEN clock_timestamp() END
       FROM jsonb_to_recordset($2::jsonb) AS x(source text, subject text, contiguous bigint, above bigint[], open boolean)
       ON CONFLICT (consumer, subject) DO UPDATE SET contiguous = EXCLUDED.contiguous, above = EXCLUDED.above,
         gap_since = CASE WHEN EXCLUDED.gap_since IS NOT NULL
                          THEN COALESCE(consumer_sequence.gap_since, EXCLUDED.gap_since) END,
         unrecoverable = CASE WHEN EXCLUDED.gap_since IS NOT NULL THEN consumer_sequence.unrecoverable END`,
      [durable, JSON.stringify(next)],
    );
  }

  /** Holes in what this consumer has seen, oldest first. */
  async gaps(): Promise<SequenceGap[]> {
    const rows: {
      subject: string;
      contiguous: string;
      above: string[];
      known_max: string;
      gap_since: Date;
      unrecoverable: string | null;
    }[] = await this.options.dataSource.query(
      'SELECT subject, contiguous, above, known_max, gap_since, unrecoverable FROM consumer_sequence WHERE consumer = $1 AND gap_since IS NOT NULL ORDER BY gap_since',
      [this.options.handler.durable],
    );
    return rows.flatMap((r) =>
      holes({ contiguous: Number(r.contiguous), above: r.above.map(Number) }, Number(r.known_max)).map(
        ({ from, to }) => ({
          subject: r.subject,
          from,
          to,
          since: r.gap_since,
          unrecoverable: r.unrecoverable,
        }),
      ),
    );
  }

  /**
   * A hole that outlived the grace period (redeliveries may arrive out of order) is a loss: ask the
   * source to replay it. What the source no longer has is reported loudly, never skipped.
   */
  async repairGaps(now = Date.now()): Promise<number> {
    const repair = this.options.repair;
    if (!repair) return 0;
    const grace = repair.graceMs ?? 2_000;
    // Through the pool: TypeORM's query() answers UPDATE ... RETURNING with [rows, count].
    const { rows: due } = await poolOf(this.options.dataSource).query<{
      subject: string;
      contiguous: string;
      above: string[];
      known_max: string;
    }>(
      `UPDATE consumer_sequence SET last_replay_request_at = clock_timestamp()
       WHERE consumer = $1 AND gap_since < $2 AND unrecoverable IS NULL
         AND (last_replay_request_at IS NULL OR last_replay_request_at < $3)
       RETURNING subject, contiguous, above, known_max`,
      [this.options.handler.durable, new Date(now - grace), new Date(now - 5_000)],
    );
    let requested = 0;
    // A tail hole (known from the watermark only) is just lag while messages are still waiting for us.
    const caughtUp = due.length > 0 && (await this.lag().catch(() => 1)) === 0;
    for (const row of due) {
      for (const hole of holes(
        { contiguous: Number(row.contiguous), above: row.above.map(Number) },
        Number(row.known_max),
      )) {
        if (hole.tail && !caughtUp) continue;
        this.replayRequests++;
        requested++;
        const reply = await requestReplay(
          this.options.bus,
          repair.key,
          row.subject,
          hole.from,
          hole.to,
        ).catch((e: Error) => ({
          republished: 0,
          missing: [] as number[],
          error: e.message,
        }));
        this.options.log.warn(
          { durable: this.durable, subject: row.subject, ...hole, reply },
          'detected lost events; asked the source to replay',
        );
        if (reply.missing.length > 0) {
          const what = `${row.subject} ${reply.missing[0]}..${reply.missing.at(-1)} no longer in the source's outbox (older than its retention)`;
          this.options.log.error(
            { durable: this.durable, subject: row.subject, missing: reply.missing.length },
            `EVENTS LOST FOR GOOD: ${what}`,
          );
          await this.options.dataSource.query(
            'UPDATE consumer_sequence SET unrecoverable = $3 WHERE consumer = $1 AND subject = $2',
            [this.options.handler.durable, row.subject, what],
          );
        }
      }
    }
    return requested;
  }

  /** Messages delivered to this durable that are not yet acknowledged, plus those not yet delivered. */
  async lag(): Promise<number> {
    const info = await this.options.bus.jsm.consumers.info(
      this.options.bus.stream,
      this.options.handler.durable,
    );
    return info.num_pending + info.num_ack_pending;
  }
}
