import pg from 'pg';
import type { Logger } from '../logger.js';
import { inPublishSpan, traceHeadersOf } from '../observability/events.js';
import type { Bus } from './bus.js';

export interface RelayOptions {
  pool: pg.Pool;
  /** For LISTEN: a connection of its own, outside the pool. */
  connectionString: string;
  bus: Bus;
  log: Logger;
  /** Rows claimed and published per round (notes: 100 fell behind at 7k/s, 1,000 kept up). */
  claimSize?: number;
  /** Safety timer: a missed NOTIFY never leaves events waiting longer than this. */
  idleWakeMs?: number;
}

// One relay per service database publishes at a time, so events leave in commit-id order.
const RELAY_LOCK = 7410002;

/**
 * Publishes committed outbox rows to JetStream: claims a batch, publishes it pipelined with
 * `Nats-Msg-Id` = event id (a re-publish after a crash is dropped by the server's duplicate window,
 * and by the consumers' inboxes after it), then marks the batch sent in one UPDATE. Wakes on
 * LISTEN/NOTIFY, with a timer as a safety net; on any failure backs off and tries again, so
 * nothing is lost while NATS or Postgres is away.
 */
export class OutboxRelay {
  private running = false;
  private wake: (() => void) | undefined;
  private listener: pg.Client | undefined;
  private loop: Promise<void> | undefined;
  private backoffMs = 0;
  /** Published and marked sent since start; for readiness output and tests. */
  published = 0;

  constructor(private readonly options: RelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  /** Stops after publishing what is pending now (bounded by `timeoutMs`). */
  async stop(timeoutMs = 5_000): Promise<void> {
    if (!this.running) return;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && (await this.pending().catch(() => 0)) > 0 && this.backoffMs === 0) {
      this.kick();
      await new Promise((r) => setTimeout(r, 20));
    }
    this.running = false;
    this.kick();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  kick(): void {
    this.wake?.();
  }

  async pending(): Promise<number> {
    const r = await this.options.pool.query('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL');
    return r.rows[0].n as number;
  }

  /** Age in ms of the oldest unsent event, 0 when none: the outbox lag. */
  async lagMs(): Promise<number> {
    const r = await this.options.pool.query(
      'SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)) * 1000, 0)::float8 AS lag FROM outbox WHERE sent_at IS NULL',
    );
    return Math.round(r.rows[0].lag as number);
  }

  private async listen(): Promise<void> {
    while (this.running) {
      const client = new pg.Client({ connectionString: this.options.connectionString });
      try {
        client.on('notification', () => this.kick());
        const ended = new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
        await client.connect();
        await client.query('LISTEN outbox');
        this.listener = client;
        this.kick(); // anything committed while we were not listening
        await ended;
      } catch {
        // Postgres away: the timer keeps the relay polling until LISTEN works again.
      }
      await client.end().catch(() => undefined);
      if (this.running) await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  private async run(): Promise<void> {
    const claimSize = this.options.claimSize ?? 1_000;
    const idle = this.options.idleWakeMs ?? 1_000;
    while (this.running) {
      let published = 0;
      try {
        published = await this.relayOnce(claimSize);
        this.backoffMs = 0;
      } catch (e) {
        this.backoffMs = Math.min(this.backoffMs ? this.backoffMs * 2 : 200, 5_000);
        this.options.log.warn(
          { err: (e as Error).message, retryInMs: this.backoffMs },
          'outbox relay failed; retrying',
        );
      }
      if (published >= claimSize && this.backoffMs === 0) continue; // more is waiting
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.backoffMs || idle);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** One claim: returns how many events it published. */
  async relayOnce(claimSize: number): Promise<number> {
    const { pool, bus } = this.options;
    const client = await pool.connect();
    // pg-pool stops listening to a client while it is checked out: without a listener of our own, a
    // backend terminated mid-claim (failover, pg_terminate_backend) would crash the process.
    let lost: Error | undefined;
    const onError = (e: Error) => {
      lost = e;
    };
    client.on('error', onError);
    let failed = false;
    try {
      await client.query('BEGIN');
      const locked = await client.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [RELAY_LOCK]);
      if (!locked.rows[0].ok) {
        await client.query('ROLLBACK');
        return 0;
      }
      const claimed = await client.query<{ id: string; event_id: string; subject: string; payload: unknown }>(
        `SELECT id, event_id, subject, payload FROM outbox WHERE sent_at IS NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [claimSize],
      );
      if (claimed.rowCount === 0) {
        await client.query('COMMIT');
        return 0;
      }
      // Number each event type's events gaplessly in publication order (one relay at a time holds
      // the lock above, so no two claims can hand out the same numbers).
      const subjects = [...new Set(claimed.rows.map((r) => r.subject))];
      const last = await client.query<{ subject: string; seq: string }>(
        'SELECT subject, last_seq AS seq FROM outbox_sequence WHERE subject = ANY($1) FOR UPDATE',
        [subjects],
      );
      const next = new Map(subjects.map((s) => [s, 0]));
      for (const row of last.rows) next.set(row.subject, Number(row.seq));
      const seqs = claimed.rows.map((row) => {
        const seq = (next.get(row.subject) ?? 0) + 1;
        next.set(row.subject, seq);
        return seq;
      });
      // Pipelined: every publish goes out before the first ack is awaited; order on the wire is id order.
      await Promise.all(
        claimed.rows.map((row, i) =>
          // Tracing: a PRODUCER span in the recording request's trace, and its traceparent as a NATS header.
          inPublishSpan(row.subject, row.payload, () =>
            bus.js.publish(
              `${bus.prefix}${row.subject}`,
              JSON.stringify({ ...(row.payload as object), sourceseq: seqs[i] }),
              {
                msgID: row.event_id,
                headers: traceHeadersOf(row.payload),
              },
            ),
          ),
        ),
      );
      await client.query(
        `UPDATE outbox SET sent_at = clock_timestamp(), source_seq = v.seq
         FROM unnest($1::bigint[], $2::bigint[]) AS v(id, seq) WHERE outbox.id = v.id`,
        [claimed.rows.map((r) => r.id), seqs],
      );
      await client.query(
        `INSERT INTO outbox_sequence (subject, last_seq) SELECT * FROM unnest($1::text[], $2::bigint[])
         ON CONFLICT (subject) DO UPDATE SET last_seq = EXCLUDED.last_seq`,
        [[...next.keys()], [...next.values()]],
      );
      await client.query('COMMIT');
      this.published += claimed.rowCount ?? 0;
      return claimed.rowCount ?? 0;
    } catch (e) {
      failed = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.off('error', onError);
      client.release(failed || lost ? (lost ?? true) : undefined);
    }
  }
}
