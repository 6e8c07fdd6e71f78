import { randomUUID } from 'node:crypto';
import { databaseUrl, type Logger, openDatabase } from '@backoffice/kit';
import pg from 'pg';
import { benchEvents } from '@backoffice/events/testing';
import { onSchedule, percentile } from './load.js';

/**
 * The floor of the events benchmark: the bare SQL work any outbox + inbox pipeline with our guarantees
 * has to do per event, with none of our code (no TypeORM, no kit, no bus, no signatures), on the
 * same server, tables and batch sizes as the pipeline it is compared with:
 *   writers: BEGIN; the state row; the events' outbox rows (one statement); COMMIT (synchronous);
 *   relay:   BEGIN (synchronous_commit off); claim up to `claim` unsent rows FOR UPDATE SKIP LOCKED
 *            in id order; mark them sent with their numbers (one UPDATE); COMMIT;
 *   consumer: BEGIN; the batch's inbox rows (ON CONFLICT DO NOTHING RETURNING); its effect rows;
 *            COMMIT (synchronous).
 * The relay hands the claimed rows to the consumer in memory (where JetStream would be). Writers run
 * closed-loop for `durationSec`; the rate is events applied from the first commit to the last apply.
 * `database` must hold the kit's tables (outbox, inbox) and `bench_item` and `bench_effect`.
 */
export interface FloorOptions {
  connectionString: string;
  writers: number;
  eventsPerTransaction: number;
  durationSec: number;
  /** Rows per relay claim (the relay's chunk) and events per consumer transaction at most. */
  claim: number;
  batch: number;
  /** An event as the pipeline stores it: each is stored with its own id and subject. */
  sample: object;
  /**
   * Open loop at this many events/s instead of closed-loop writers: the floor's commit-to-applied
   * latency at the rate the pipeline's latency is measured at (`FloorResult.latency`).
   */
  rate?: number;
}

export interface FloorResult {
  rate: number;
  applied: number;
  /** Wall ms per 1,000 events per statement group. */
  phases: Record<string, number>;
  /** With `rate`: each event's writer COMMIT returned to its inbox COMMIT returned, ms. */
  latency?: { p50: number; p99: number };
}

const TYPE = benchEvents.itemCreated.type;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function floor(o: FloorOptions): Promise<FloorResult> {
  const pool = new pg.Pool({ connectionString: o.connectionString, max: o.writers + 2 });
  const spent: Record<string, number> = {
    write: 0,
    claim: 0,
    mark: 0,
    begin: 0,
    inbox: 0,
    effect: 0,
    commit: 0,
  };
  const timed = async <T>(phase: string, work: Promise<T>): Promise<T> => {
    const started = performance.now();
    const r = await work;
    spent[phase] += performance.now() - started;
    return r;
  };
  const queue: { id: string; seq: number }[] = [];
  let written = 0;
  let applied = 0;
  let writing = true;
  // Numbers go on from the previous run's, in the same database.
  const { rows: last } = await pool.query('SELECT COALESCE(max(source_seq), 0)::int AS n FROM outbox');
  let seq = last[0].n as number;
  const t0 = performance.now();
  let lastApplied = t0;

  // With `rate`: when each event's writer COMMIT and inbox COMMIT returned.
  const committedAt = new Map<string, number>();
  const appliedAt = new Map<string, number>();
  const writeOne = async (c: pg.PoolClient) => {
    const ids = Array.from({ length: o.eventsPerTransaction }, () => randomUUID());
    const subjects = ids.map((id) => `item-${id}`);
    const started = performance.now();
    await c.query('BEGIN');
    await c.query('INSERT INTO bench_item (item_id, amount) SELECT unnest($1::text[]), 1234.56', [subjects]);
    await c.query(
      `INSERT INTO outbox (event_id, subject, aggregate_id, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        ids,
        ids.map(() => TYPE),
        subjects,
        ids.map((id, i) => JSON.stringify({ ...o.sample, id, subject: subjects[i] })),
      ],
    );
    await c.query('COMMIT');
    const committed = performance.now();
    spent.write += committed - started;
    written += ids.length;
    if (o.rate) for (const id of ids) committedAt.set(id, committed);
  };
  const writer = async () => {
    const c = await pool.connect();
    try {
      while (performance.now() - t0 < o.durationSec * 1000) await writeOne(c);
    } finally {
      c.release();
    }
  };
  const relay = async () => {
    const c = await pool.connect();
    try {
      for (;;) {
        // Read before the claim: a claim that began while the last writer was committing may miss its
        // rows, so only an empty claim begun after the writers stopped means nothing is left.
        const writersDone = !writing;
        const [, , claimed] = (await timed(
          'claim',
          c.query(
            `BEGIN; SET LOCAL synchronous_commit = off;
             SELECT id, event_id, payload::text AS payload FROM outbox WHERE sent_at IS NULL
             ORDER BY id LIMIT ${o.claim} FOR UPDATE SKIP LOCKED`,
          ),
        )) as unknown as pg.QueryResult<{ id: string; event_id: string; payload: string }>[];
        const rows = claimed.rows;
        const seqs = rows.map(() => ++seq);
        await timed(
          'mark',
          c.query(
            rows.length === 0
              ? 'COMMIT'
              : `UPDATE outbox SET sent_at = clock_timestamp(), source_seq = v.seq
                 FROM unnest('{${rows.map((r) => r.id).join(',')}}'::bigint[], '{${seqs.join(',')}}'::bigint[]) AS v(id, seq)
                 WHERE outbox.id = v.id; COMMIT`,
          ),
        );
        rows.forEach((r, i) => {
          queue.push({ id: r.event_id, seq: seqs[i] });
        });
        if (rows.length === 0) {
          if (writersDone) return;
          await sleep(1);
        }
      }
    } finally {
      c.release();
    }
  };

  const consumer = async () => {
    const c = await pool.connect();
    try {
      for (;;) {
        if (queue.length === 0) {
          if (!writing && relayDone && queue.length === 0) return;
          await sleep(1);
          continue;
        }
        const batch = queue.splice(0, o.batch);
        const ids = batch.map((e) => e.id);
        await timed('begin', c.query('BEGIN'));
        const fresh = await timed(
          'inbox',
          c.query(
            `INSERT INTO inbox (consumer, event_id, event_type)
             SELECT 'floor', id, $2 FROM unnest($1::text[]) AS e(id) ON CONFLICT DO NOTHING RETURNING event_id`,
            [ids, TYPE],
          ),
        );
        await timed(
          'effect',
          c.query('INSERT INTO bench_effect (event_id, amount) SELECT unnest($1::text[]), 1234.56', [
            fresh.rows.map((r) => r.event_id),
          ]),
        );
        await timed('commit', c.query('COMMIT'));
        applied += batch.length;
        lastApplied = performance.now();
        if (o.rate) for (const id of ids) appliedAt.set(id, lastApplied);
      }
    } finally {
      c.release();
    }
  };

  let relayDone = false;
  const relaying = relay().finally(() => {
    relayDone = true;
  });
  const consuming = consumer();
  // Awaited below; meanwhile a failure must not count as unhandled.
  relaying.catch(() => undefined);
  consuming.catch(() => undefined);
  // With `rate`, open loop as the pipeline's latency runs: transactions start on schedule.
  const rate = o.rate;
  await (rate
    ? onSchedule(rate / o.eventsPerTransaction, o.durationSec, () =>
        pool.connect().then((c) => writeOne(c).finally(() => c.release())),
      )
    : Promise.all(Array.from({ length: o.writers }, writer)));
  writing = false;
  await relaying;
  await consuming;
  await pool.end();
  if (applied !== written) throw new Error(`floor: ${applied} of ${written} events applied`);
  const perThousand = (ms: number) => Math.round((ms / applied) * 1000 * 10) / 10;
  const waits = [...committedAt].map(([id, at]) => (appliedAt.get(id) ?? at) - at).sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(waits, p) * 10) / 10;
  return {
    rate: Math.round(applied / ((lastApplied - t0) / 1000)),
    applied,
    phases: Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, perThousand(v)])),
    ...(o.rate ? { latency: { p50: at(50), p99: at(99) } } : {}),
  };
}

/**
 * The floor beside bench/events.ts: its database (the kit's tables as every service has them, and the
 * bench's two), runs at 50 events per transaction with the pipeline's claim and batch sizes (500),
 * and its phases over the runs so far.
 */
export async function floorBench(o: {
  serverUrl: string;
  database: string;
  log: Logger;
  writers: number;
  durationSec: number;
  sample: object;
  /** Cumulative CPU ms per process (events-phases.ts `cpuSampler`): the floor's share is recorded. */
  cpu: () => Promise<Record<string, number>>;
}): Promise<{
  run: () => Promise<FloorResult>;
  /** The floor's p50 and p99 commit-to-applied at `rate` events/s, one event per transaction. */
  latency: (rate: number) => Promise<{ p50: number; p99: number; achieved: number }>;
  phases: () => ReturnType<typeof floorPhases>;
}> {
  const db = await openDatabase({
    serverUrl: o.serverUrl,
    database: o.database,
    entities: [],
    migrations: [],
    log: o.log,
  });
  await db.query(
    'CREATE TABLE bench_item (id bigserial PRIMARY KEY, item_id text NOT NULL, amount numeric NOT NULL)',
  );
  await db.query(
    'CREATE TABLE bench_effect (event_id text PRIMARY KEY, amount numeric NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())',
  );
  await db.destroy();
  const results: FloorResult[] = [];
  const options = {
    ...o,
    connectionString: databaseUrl(o.serverUrl, o.database),
    eventsPerTransaction: 50,
    claim: 500,
    batch: 500,
  };
  return {
    run: async () => {
      const before = await o.cpu();
      const r = await floor(options);
      const after = await o.cpu();
      for (const k of ['bench', 'postgres'])
        r.phases[`cpu_${k}`] = Math.round(((after[k] - before[k]) / r.applied) * 1000 * 10) / 10;
      results.push(r);
      return r;
    },
    latency: async (rate) => {
      const r = await floor({ ...options, eventsPerTransaction: 1, rate });
      return { ...(r.latency ?? { p50: 0, p99: 0 }), achieved: Math.round(r.applied / o.durationSec) };
    },
    phases: () => floorPhases(results),
  };
}

/** The floor's phases summed over runs, per 1,000 events, for the table the benchmark prints. */
export function floorPhases(
  results: FloorResult[],
): { where: string; phase: string; 'ms per 1,000 events': number }[] {
  const names: Record<string, string> = {
    write: 'writer transaction (BEGIN, state, outbox, COMMIT; summed over writers)',
    claim: 'relay: BEGIN and claim',
    mark: 'relay: mark sent and COMMIT',
    begin: 'consumer: BEGIN',
    inbox: 'consumer: inbox rows',
    effect: 'consumer: effect rows',
    commit: 'consumer: COMMIT',
    cpu_bench: 'CPU of its Node process (writers, relay, consumer)',
    cpu_postgres: 'CPU of Postgres (all its processes)',
  };
  return Object.entries(names).map(([k, phase]) => ({
    where: 'floor',
    phase,
    'ms per 1,000 events':
      Math.round((results.reduce((s, r) => s + r.phases[k], 0) / Math.max(1, results.length)) * 10) / 10,
  }));
}
