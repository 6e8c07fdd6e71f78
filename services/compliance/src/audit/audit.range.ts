import { entryHash } from './audit.chain.js';

/**
 * One range of the trail checked on its own (in a worker thread or in-process): every link inside it,
 * and the checkpoints that fall in it. What it cannot know alone, the hash its first entry must chain
 * to, it reports (`firstPrevHash`) for `stitchRanges` to hold against the range before it.
 */
export interface RangeJob {
  from: number;
  to: number;
  /** Published checkpoints inside the range: [sequence, hash]. */
  checkpoints: [number, string][];
}

export type BreakReason = 'GAP' | 'PREVIOUS_HASH' | 'HASH' | 'CHECKPOINT' | 'HEAD';

export interface ChainBreak {
  sequence: number;
  reason: BreakReason;
}

export interface RangeResult {
  from: number;
  to: number;
  /** The previous hash the first entry carries; null when the first entry is missing. */
  firstPrevHash: string | null;
  /** The hash of the last entry checked. */
  lastHash: string | null;
  brokenAt: ChainBreak | null;
}

/** A row as the range query returns it (rowMode 'array', in the column order of RANGE_COLUMNS). */
export type RangeRow = [
  sequence: string,
  eventId: string,
  type: string,
  source: string,
  subject: string,
  actor: string | null,
  time: string,
  payload: unknown,
  producer: string | null,
  producerKeyId: string | null,
  prevHash: string,
  hash: string,
];

/**
 * The time is formatted by Postgres as Date.prototype.toISOString writes it (UTC, milliseconds), the
 * form it was hashed in, which spares a Date per row on this side.
 */
export const RANGE_COLUMNS = `sequence, event_id, type, source, subject, actor,
  to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), payload, producer, producer_key_id,
  prev_hash, hash`;

/** The query a range streams through a server-side cursor; bounds are checked integers. */
export function rangeQuery(job: RangeJob): string {
  if (!Number.isSafeInteger(job.from) || !Number.isSafeInteger(job.to)) throw new Error('bad range');
  return `SELECT ${RANGE_COLUMNS} FROM audit_entry
           WHERE sequence BETWEEN ${job.from} AND ${job.to} ORDER BY sequence`;
}

/**
 * Checks a range's rows, given in batches in sequence order: no gap, each previous hash equal to the
 * hash before it, each stored hash equal to the recomputed one, each checkpoint equal to its entry's
 * hash. Stops at the first break.
 */
export async function checkRange(job: RangeJob, batches: AsyncIterable<RangeRow[]>): Promise<RangeResult> {
  // Two checkpoints may name one sequence (two runs of the job, or a forged row): each must agree.
  const checkpoints = new Map<number, string[]>();
  for (const [sequence, hash] of job.checkpoints)
    checkpoints.set(sequence, [...(checkpoints.get(sequence) ?? []), hash]);
  let expected = job.from;
  let firstPrevHash: string | null = null;
  let last: string | null = null;
  const result = (brokenAt: ChainBreak | null): RangeResult => ({
    from: job.from,
    to: job.to,
    firstPrevHash,
    lastHash: last,
    brokenAt,
  });
  for await (const rows of batches) {
    for (const r of rows) {
      const sequence = Number(r[0]);
      if (sequence !== expected) return result({ sequence: expected, reason: 'GAP' });
      const prevHash = r[10];
      if (last === null) firstPrevHash = prevHash;
      else if (prevHash !== last) return result({ sequence, reason: 'PREVIOUS_HASH' });
      const recomputed = entryHash(prevHash, {
        sequence,
        eventId: r[1],
        type: r[2],
        source: r[3],
        subject: r[4],
        actor: r[5],
        time: r[6],
        payload: r[7],
        producer: r[8],
        producerKeyId: r[9],
      });
      if (recomputed !== r[11]) return result({ sequence, reason: 'HASH' });
      const published = checkpoints.get(sequence);
      if (published?.some((h) => h !== recomputed)) return result({ sequence, reason: 'CHECKPOINT' });
      last = recomputed;
      expected++;
    }
  }
  return result(expected <= job.to ? { sequence: expected, reason: 'GAP' } : null);
}

/**
 * Joins ranges checked apart, in order, into the verdict one pass from `anchorHash` would give: the
 * first range's first entry must chain to the anchor, every later one's to the last hash of the range
 * before it; the first break in sequence order wins. Exact: a range is only trusted from its own first
 * entry on, and that entry only once it is tied to the proven end of the range before.
 */
export function stitchRanges(
  anchorHash: string,
  ranges: RangeResult[],
): { end: string; brokenAt: ChainBreak | null } {
  let prev = anchorHash;
  for (const range of ranges) {
    if (range.firstPrevHash !== null && range.firstPrevHash !== prev)
      return { end: prev, brokenAt: { sequence: range.from, reason: 'PREVIOUS_HASH' } };
    if (range.brokenAt) return { end: prev, brokenAt: range.brokenAt };
    prev = range.lastHash ?? prev;
  }
  return { end: prev, brokenAt: null };
}

/** Splits [from, to] into about `parts` ranges of at least `minEntries` each, in order. */
export function splitSpan(from: number, to: number, parts: number, minEntries: number): [number, number][] {
  const total = to - from + 1;
  if (total <= 0) return [];
  const n = Math.max(1, Math.min(parts, Math.floor(total / Math.max(1, minEntries))));
  const size = Math.ceil(total / n);
  const out: [number, number][] = [];
  for (let start = from; start <= to; start += size) out.push([start, Math.min(to, start + size - 1)]);
  return out;
}
