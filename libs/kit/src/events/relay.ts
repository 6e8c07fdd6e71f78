import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import pg from 'pg';
import type { Keyring } from '../auth/keys.js';
import type { Logger } from '../logger.js';
import { inPublishSpan, traceHeadersOf } from '../observability/events.js';
import type { Bus } from './bus.js';
import { signMessages } from './signature.js';

export interface RelayOptions {
  pool: pg.Pool;
  /** For LISTEN: a connection of its own, outside the pool. */
  connectionString: string;
  bus: Bus;
  log: Logger;
  /** The service's own key: every event leaves signed by it (see signature.ts). */
  keyring: Keyring;
  /**
   * Rows published per transaction at most (notes: 100 fell behind at 7k/s, 1,000 kept up). A failed
   * round re-publishes up to this many, which the duplicate window and the inboxes absorb.
   */
  claimSize?: number;
  /** Rows per claim inside a round: the next chunk is claimed and published while this one's acks are awaited. */
  chunkSize?: number;
  /** Safety timer: a missed NOTIFY never leaves events waiting longer than this. */
  idleWakeMs?: number;
  /**
   * Whether the relay's own transaction (claim, numbers, mark sent) waits for its WAL flush at commit.
   * Default false: a mark lost in a crash of Postgres only brings a re-publish (docs/operations.md,
   * section 7).
   */
  synchronousCommit?: boolean;
  /** Events signed together under one signature (signature-tree.ts); 1 signs each alone. Default 64. */
  eventsPerSignature?: number;
}

/** Where the relay's time went since start, in ms per phase; the events benchmark prints it. */
export interface RelayTimings {
  rounds: number;
  claim: number;
  /** Signing a chunk and handing it to the client (its acks come later). */
  publish: number;
  /** Waiting for JetStream's acks beyond what overlapped with the next claim. */
  acks: number;
  /** Marking sent and moving the counters; the round's last mark carries the COMMIT with it. */
  mark: number;
  /** A COMMIT on its own: only rounds that found nothing to publish. */
  commit: number;
}

// One relay per service database publishes at a time, so events leave in commit-id order.
const RELAY_LOCK = 7410002;

interface ClaimedRow {
  id: string;
  event_id: string;
  subject: string;
  seq: string;
  traceparent: string | null;
  /** The payload as JSON text, `sourceseq` still to add. */
  payload: string;
}

/**
 * The next unsent rows, in id order, numbered per event type after `known` (the numbers this round
 * handed out already) or the stored counter.
 * Returns nothing unless this transaction holds the relay lock. `id <> ALL(...)`: the chunk still
 * in flight is locked by this very transaction, which SKIP LOCKED does not skip.
 */
const claim = (lock: string, exclude: string, limit: string, knownSubjects: string, knownSeqs: string) => `
  WITH claimed AS (
    SELECT id, event_id, subject, payload FROM outbox
    WHERE sent_at IS NULL AND id <> ALL(${exclude}) AND (SELECT pg_try_advisory_xact_lock(${lock}))
    ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED
  ), numbered AS (
    SELECT c.*, COALESCE(k.last_seq, s.last_seq, 0)
                + row_number() OVER (PARTITION BY c.subject ORDER BY c.id) AS seq
    FROM claimed c
    LEFT JOIN unnest(${knownSubjects}, ${knownSeqs}) AS k(subject, last_seq) ON k.subject = c.subject
    LEFT JOIN outbox_sequence s ON s.subject = c.subject
  )
  SELECT id, event_id, subject, seq, payload->>'traceparent' AS traceparent, payload::text AS payload
  FROM numbered ORDER BY id`;
const CLAIM = claim('$1', '$2::bigint[]', '$3', '$4::text[]', '$5::bigint[]');
/**
 * A round's first claim excludes nothing and knows no numbers yet: every argument is a constant, so
 * it can go in one simple-protocol message with BEGIN, one round trip less while the next event waits.
 * `synchronous_commit = off` for this transaction only (docs/operations.md, section 7): losing its
 * commit in a crash of Postgres is the same as the relay dying between publish and mark, a re-publish
 * the duplicate window and the inboxes drop; the writers' transactions stay synchronous.
 */
const beginAndClaim = (limit: number, asyncCommit: boolean) =>
  `BEGIN;${asyncCommit ? ' SET LOCAL synchronous_commit = off;' : ''} ${claim(String(RELAY_LOCK), "'{}'::bigint[]", String(Math.trunc(limit)), "'{}'::text[]", "'{}'::bigint[]")}`;

/**
 * Marks a published chunk sent with its numbers and moves the per-type counters, in one statement;
 * with `; COMMIT` after it when it is the round's last chunk, one message. Ids and numbers are
 * integers (checked), so they go inline and the statement needs no parameters; each row's type comes
 * from the row itself.
 */
function markSent(rows: ClaimedRow[], commit: boolean): string {
  const ids = rows.map((r) => r.id);
  const seqs = rows.map((r) => r.seq);
  if (![...ids, ...seqs].every((n) => /^\d+$/.test(n)))
    throw new Error('outbox id or number is not an integer');
  return `
  WITH marked AS (
    UPDATE outbox SET sent_at = clock_timestamp(), source_seq = v.seq
    FROM unnest('{${ids.join(',')}}'::bigint[], '{${seqs.join(',')}}'::bigint[]) AS v(id, seq)
    WHERE outbox.id = v.id RETURNING outbox.subject, v.seq
  )
  INSERT INTO outbox_sequence (subject, last_seq)
  SELECT subject, max(seq) FROM marked GROUP BY subject
  ON CONFLICT (subject) DO UPDATE SET last_seq = EXCLUDED.last_seq${commit ? ';\n  COMMIT' : ''}`;
}

interface Chunk {
  rows: ClaimedRow[];
  acks: Promise<unknown>;
}

/**
 * Publishes committed outbox rows to JetStream: claims a chunk, publishes it pipelined with
 * `Nats-Msg-Id` = event id (a re-publish after a crash is dropped by the server's duplicate window,
 * and by the consumers' inboxes after it), claims and publishes the next chunk while the acks of
 * the first are on their way, then marks the first sent in one statement; all in one transaction
 * holding the relay lock. Wakes on LISTEN/NOTIFY, with a timer as a safety net; on any failure
 * backs off and tries again, so nothing is lost while NATS or Postgres is away.
 */
export class OutboxRelay {
  private running = false;
  private wake: (() => void) | undefined;
  /** A NOTIFY arrived while a round was running: its rows may have committed after that round's claim. */
  private woken = false;
  private listener: pg.Client | undefined;
  private loop: Promise<void> | undefined;
  private backoffMs = 0;
  /** Published and marked sent since start; for readiness output and tests. */
  published = 0;
  readonly timings: RelayTimings = { rounds: 0, claim: 0, publish: 0, acks: 0, mark: 0, commit: 0 };

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
    this.woken = true;
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
    const claimSize = this.options.claimSize ?? 2_000;
    const idle = this.options.idleWakeMs ?? 1_000;
    while (this.running) {
      this.woken = false;
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
      // More is waiting, or a commit announced itself while we were busy: go again at once.
      if (this.backoffMs === 0 && (published >= claimSize || this.woken)) continue;
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

  /** One round, one transaction: returns how many events it published. */
  async relayOnce(claimSize: number): Promise<number> {
    const { pool } = this.options;
    const chunkSize = Math.min(this.options.chunkSize ?? 500, claimSize);
    const t = this.timings;
    const client = await pool.connect();
    // pg-pool stops listening to a client while it is checked out: without a listener of our own, a
    // backend terminated mid-claim (failover, pg_terminate_backend) would crash the process.
    let lost: Error | undefined;
    const onError = (e: Error) => {
      lost = e;
    };
    client.on('error', onError);
    let failed = false;
    let inFlight: Chunk | undefined;
    try {
      // The last number handed out per event type in this round; the stored counters move with each mark.
      const known = new Map<string, number>();
      const asyncCommit = !(this.options.synchronousCommit ?? false);
      let published = 0;
      let begun = false;
      // A claim came back short: nothing more was committed at its snapshot, so the round ends with
      // what it has instead of asking again (a commit since then has NOTIFYed: the next round comes at once).
      let drained = false;
      let committed = false;
      for (;;) {
        let rows: ClaimedRow[] = [];
        const room = claimSize - published - (inFlight?.rows.length ?? 0);
        if (!drained && room > 0) {
          const started = performance.now();
          const limit = Math.min(chunkSize, room);
          if (!begun) {
            const results = (await client.query(
              beginAndClaim(limit, asyncCommit),
            )) as unknown as pg.QueryResult<ClaimedRow>[];
            rows = (results.at(-1) as pg.QueryResult<ClaimedRow>).rows;
            begun = true;
          } else {
            rows = (
              await client.query<ClaimedRow>(CLAIM, [
                RELAY_LOCK,
                inFlight?.rows.map((r) => r.id) ?? [],
                limit,
                [...known.keys()],
                [...known.values()],
              ])
            ).rows;
          }
          drained = rows.length < limit;
          t.claim += performance.now() - started;
        }
        for (const row of rows) known.set(row.subject, Number(row.seq));
        const publishing = performance.now();
        const next: Chunk | undefined = rows.length > 0 ? { rows, acks: this.publish(rows) } : undefined;
        t.publish += performance.now() - publishing;
        if (inFlight) {
          const started = performance.now();
          await inFlight.acks;
          const acked = performance.now();
          t.acks += acked - started;
          // The round's last chunk: its mark and the COMMIT go in one message.
          committed = !next;
          await client.query(markSent(inFlight.rows, committed));
          t.mark += performance.now() - acked;
          published += inFlight.rows.length;
        }
        inFlight = next;
        if (!inFlight) break;
      }
      if (!committed) {
        // Nothing was claimed: only the transaction BEGIN opened is left to end.
        const started = performance.now();
        await client.query('COMMIT');
        t.commit += performance.now() - started;
      }
      t.rounds++;
      this.published += published;
      return published;
    } catch (e) {
      failed = true;
      // Acks still on their way must not surface as unhandled rejections; the whole round is retried.
      await inFlight?.acks.catch(() => undefined);
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.off('error', onError);
      client.release(failed || lost ? (lost ?? true) : undefined);
    }
  }

  /**
   * Every publish of a chunk goes out before the first ack is awaited; order on the wire is id order.
   * Each is signed over the very bytes sent, `eventsPerSignature` events under one signature (a tree of
   * their bytes, signature-tree.ts: an Ed25519 signature costs ~0.08 ms to make and ~0.2 ms to check
   * on our machines, where hashing an event costs µs). Each message's headers start in its PRODUCER
   * span (its traceparent); the signatures go in once the whole chunk's headers exist.
   */
  private publish(rows: ClaimedRow[]): Promise<unknown> {
    const { bus, keyring } = this.options;
    const messages: { binding: string; body: string; headers: MsgHdrs }[] = [];
    let signed: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      signed = resolve;
    });
    const acks = Promise.all(
      rows.map((row) => {
        const recorded = { traceparent: row.traceparent ?? undefined };
        const body = withSourceSeq(row.payload, row.seq);
        // Tracing: a PRODUCER span in the recording request's trace, and its traceparent as a NATS header.
        return inPublishSpan(row.subject, recorded, () => {
          const headers = traceHeadersOf(recorded) ?? natsHeaders();
          messages.push({ binding: row.subject, body, headers });
          return ready.then(() =>
            bus.js.publish(`${bus.prefix}${row.subject}`, body, { msgID: row.event_id, headers }),
          );
        });
      }),
    );
    // 64 by default: a path of 6 hashes (256 characters) per message, 1/64 of a verification.
    const together = Math.max(1, this.options.eventsPerSignature ?? 64);
    for (let i = 0; i < messages.length; i += together)
      signMessages(keyring, 'event', messages.slice(i, i + together));
    signed();
    // Awaited later (and on failure); this keeps an early rejection from counting as unhandled meanwhile.
    acks.catch(() => undefined);
    return acks;
  }
}

/**
 * The message body: the stored CloudEvent with its `sourceseq` appended as the last member, spliced
 * into the JSON text rather than parsed and serialised again (a JSON object's text ends with `}`,
 * and the last of duplicate keys wins when parsed, so a stale `sourceseq` cannot survive).
 */
export function withSourceSeq(payload: string, seq: string): string {
  const end = payload.lastIndexOf('}');
  if (end === -1 || !/^\d+$/.test(seq)) throw new Error('outbox payload is not a JSON object');
  const empty = payload.slice(0, end).trimEnd().endsWith('{');
  return `${payload.slice(0, end)}${empty ? '' : ', '}"sourceseq": ${seq}}`;
}
