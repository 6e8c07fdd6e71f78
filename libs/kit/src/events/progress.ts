import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { sourceOf } from './replay.js';
import { type SequenceProgress, advance, holes } from './sequence.js';

/**
 * A consumer's sequence progress per event type, in its `consumer_sequence` rows: what it has seen,
 * what the source's watermark says exists, and since when a hole is open. Only verified events and
 * signed watermarks ever reach these statements.
 */
export interface SequenceGap {
  subject: string;
  from: number;
  to: number;
  since: Date;
  /** Set when the source no longer holds the range (older than its outbox retention). */
  unrecoverable: string | null;
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
export const INBOX_AND_PROGRESS = `
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
 * Advances a consumer's per-type sequence progress, in the batch's transaction (the path one event
 * at a time; the batch path does the same inside INBOX_AND_PROGRESS).
 */
export async function recordSequences(
  em: EntityManager,
  durable: string,
  seen: Map<string, number[]>,
): Promise<void> {
  if (seen.size === 0) return;
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

/** What a signed watermark says the source has published of `subject`: a tail hole opens if this is more. */
export async function recordWatermark(
  db: DataSource,
  durable: string,
  subject: string,
  last: number,
): Promise<void> {
  await db.query(
    `INSERT INTO consumer_sequence (consumer, source, subject, known_max, gap_since)
     VALUES ($1, $2, $3, $4::bigint, CASE WHEN $4::bigint > 0 THEN clock_timestamp() END)
     ON CONFLICT (consumer, subject) DO UPDATE SET known_max = GREATEST(consumer_sequence.known_max, $4::bigint),
       gap_since = CASE WHEN GREATEST(consumer_sequence.known_max, $4::bigint) > consumer_sequence.contiguous
                        THEN COALESCE(consumer_sequence.gap_since, clock_timestamp()) ELSE consumer_sequence.gap_since END`,
    [durable, sourceOf(subject), subject, last],
  );
}

/** Holes in what a consumer has seen, oldest first. */
export async function openGaps(db: DataSource, durable: string): Promise<SequenceGap[]> {
  const rows: {
    subject: string;
    contiguous: string;
    above: string[];
    known_max: string;
    gap_since: Date;
    unrecoverable: string | null;
  }[] = await db.query(
    'SELECT subject, contiguous, above, known_max, gap_since, unrecoverable FROM consumer_sequence WHERE consumer = $1 AND gap_since IS NOT NULL ORDER BY gap_since',
    [durable],
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
 * The types whose hole outlived `grace` and was not asked about in the last 5 s, marked as asked now
 * (through the pool: TypeORM's query() answers UPDATE ... RETURNING with [rows, count]).
 */
export async function gapsDueForReplay(
  pool: pg.Pool,
  durable: string,
  now: number,
  graceMs: number,
): Promise<{ subject: string; holes: ReturnType<typeof holes> }[]> {
  const { rows } = await pool.query<Progress>(
    `UPDATE consumer_sequence SET last_replay_request_at = clock_timestamp()
     WHERE consumer = $1 AND gap_since < $2 AND unrecoverable IS NULL
       AND (last_replay_request_at IS NULL OR last_replay_request_at < $3)
     RETURNING subject, contiguous, above, known_max`,
    [durable, new Date(now - graceMs), new Date(now - 5_000)],
  );
  return rows.map((row) => ({
    subject: row.subject,
    holes: holes({ contiguous: Number(row.contiguous), above: row.above.map(Number) }, Number(row.known_max)),
  }));
}

export async function markUnrecoverable(
  db: DataSource,
  durable: string,
  subject: string,
  what: string,
): Promise<void> {
  await db.query('UPDATE consumer_sequence SET unrecoverable = $3 WHERE consumer = $1 AND subject = $2', [
    durable,
    subject,
    what,
  ]);
}
