import { createHash } from 'node:crypto';
import type { RunningSubgraph } from '@backoffice/kit';

type DataSource = RunningSubgraph<unknown>['deps']['db'];

/**
 * verifyAuditTrail as it was before issue 26 (commit 7ada99d), kept for the side-by-side figure: one
 * thread, keyset batches of 1,000 rows, canonical JSON through map/filter/join and createHash per entry.
 * Same chain definition, so it gives the same verdict on the same trail.
 */
export async function verifyBefore(db: DataSource): Promise<{ valid: boolean; checked: number }> {
  const [head] = await db.query('SELECT last_sequence, last_hash FROM audit_counter WHERE id');
  const last = Number(head.last_sequence);
  let sequence = 0;
  let hash = '0'.repeat(64);
  let checked = 0;
  while (sequence < last) {
    const rows = await db.query(
      `SELECT sequence, event_id, type, source, subject, actor, time, payload, producer, producer_key_id,
              prev_hash, hash
       FROM audit_entry WHERE sequence > $1 AND sequence <= $2 ORDER BY sequence LIMIT $3`,
      [sequence, last, 1_000],
    );
    if (rows.length === 0) return { valid: false, checked: checked + 1 };
    for (const r of rows) {
      const body = canonicalJson({
        sequence: Number(r.sequence),
        eventId: r.event_id,
        type: r.type,
        source: r.source,
        subject: r.subject,
        actor: r.actor ?? null,
        time: r.time.toISOString(),
        payload: r.payload ?? null,
        producer: r.producer ?? undefined,
        producerKeyId: r.producer_key_id ?? undefined,
      });
      const ok =
        Number(r.sequence) === sequence + 1 &&
        r.prev_hash === hash &&
        createHash('sha256').update(r.prev_hash).update(body).digest('hex') === r.hash;
      if (!ok) return { valid: false, checked: checked + 1 };
      sequence = Number(r.sequence);
      hash = r.hash;
      checked++;
    }
  }
  return { valid: hash === head.last_hash, checked };
}

function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return 'null';
}
