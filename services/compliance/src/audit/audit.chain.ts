import { createHash } from 'node:crypto';

/** What one link of the chain commits to; `time` is ISO 8601 UTC with milliseconds. */
export interface ChainedFields {
  sequence: number;
  eventId: string;
  type: string;
  source: string;
  subject: string;
  actor: string | null;
  time: string;
  payload: unknown;
  /** Who signed the event and with which key, as verified; absent on entries older than signatures. */
  producer?: string | null;
  producerKeyId?: string | null;
}

export interface ChainLink extends ChainedFields {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth and no insignificant whitespace, so the same entry
 * hashes the same whether it comes from the bus or back out of a jsonb column (which reorders keys).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => {
        const v = (value as Record<string, unknown>)[k];
        return v !== undefined && typeof v !== 'function';
      })
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return 'null';
}

/**
 * SHA-256 over the previous hash followed by the entry's canonical JSON, hex. The producer and its
 * key are covered when recorded, and left out (not null) when not, so entries from before
 * signatures keep the hashes they were chained with.
 */
export function entryHash(prevHash: string, entry: ChainedFields): string {
  const body = canonicalJson({
    sequence: entry.sequence,
    eventId: entry.eventId,
    type: entry.type,
    source: entry.source,
    subject: entry.subject,
    actor: entry.actor ?? null,
    time: entry.time,
    payload: entry.payload ?? null,
    producer: entry.producer ?? undefined,
    producerKeyId: entry.producerKeyId ?? undefined,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Where a verification stands between batches: the last good link. */
export interface ChainCursor {
  sequence: number;
  hash: string;
  checked: number;
}

export type LinkVerdict = { ok: true; cursor: ChainCursor } | { ok: false; sequence: number };

/**
 * Checks one link against the one before it: no gap in the sequence, the previous hash carried
 * over, and the stored hash equal to the recomputed one. A changed payload, a removed or inserted
 * row, or a rewritten hash each break at the first entry affected.
 */
export function verifyLink(cursor: ChainCursor, link: ChainLink): LinkVerdict {
  const expectedSequence = cursor.sequence + 1;
  if (link.sequence !== expectedSequence) return { ok: false, sequence: expectedSequence };
  if (link.prevHash !== cursor.hash) return { ok: false, sequence: link.sequence };
  if (entryHash(link.prevHash, link) !== link.hash) return { ok: false, sequence: link.sequence };
  return { ok: true, cursor: { sequence: link.sequence, hash: link.hash, checked: cursor.checked + 1 } };
}

export const chainStart = (): ChainCursor => ({ sequence: 0, hash: GENESIS_HASH, checked: 0 });

/** An event time as the chain records it; a time that does not parse falls back to `receivedAt`. */
export function chainTime(time: unknown, receivedAt: Date): string {
  const d = typeof time === 'string' ? new Date(time) : new Date(Number.NaN);
  const year = d.getUTCFullYear();
  // Postgres keeps years 1..9999 in ISO form; anything else is not a time an event happened.
  return Number.isNaN(year) || year < 1 || year > 9999 ? receivedAt.toISOString() : d.toISOString();
}
