import pg from 'pg';
import { type RangeJob, type RangeResult, type RangeRow, checkRange, rangeQuery } from './audit.range.js';

/** Rows per FETCH: large enough that round trips do not count, small enough that memory stays flat. */
const FETCH_ROWS = 5_000;

/**
 * Streams a range through a server-side cursor in one read-only snapshot, asking for the next batch
 * before the current one is hashed, so Postgres reads while this thread hashes.
 */
async function* cursorBatches(client: pg.Client, job: RangeJob): AsyncGenerator<RangeRow[]> {
  const fetch = () =>
    client
      .query<RangeRow>({ text: `FETCH ${FETCH_ROWS} FROM audit_range`, rowMode: 'array' })
      .then((r) => r.rows);
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  try {
    await client.query(`DECLARE audit_range NO SCROLL CURSOR FOR ${rangeQuery(job)}`);
    let next = fetch();
    for (;;) {
      const rows = await next;
      if (rows.length === 0) break;
      next = rows.length < FETCH_ROWS ? Promise.resolve([]) : fetch();
      yield rows;
    }
    // A break stops the caller early: the fetch already asked for must land before ROLLBACK is sent.
    await next.catch(() => undefined);
  } finally {
    await client.query('ROLLBACK');
  }
}

/** A connection of its own for verifying: outside the service's pool, so a long check takes no slot. */
export async function rangeClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

export const checkRangeOn = (client: pg.Client, job: RangeJob): Promise<RangeResult> =>
  checkRange(job, cursorBatches(client, job));
