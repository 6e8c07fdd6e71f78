import type { Logger } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { MAX_INDEXED_CHARS } from '../content/text-extraction.js';
import type { TextStatus } from '../documents/document.entity.js';
import type { BlobStore } from '../storage/blob-store.js';
import { type ExtractionPool, type ExtractionReply, PoolClosed } from './extraction-pool.js';

/** A file that brought its process down this often is not tried again: FAILED. */
export const MAX_ATTEMPTS = 3;

interface Claimed {
  id: string;
  version: number;
  sha256: string;
  size: number;
  mimeType: string;
  attempts: number;
}

/**
 * The documents whose text is PENDING, extracted by the pool and written to the search index. The
 * document rows are the queue, so it survives restarts and is shared by replicas: a process claims
 * only as many as it has free threads, for as long as a file may take (`leaseMs`); a claim left by a
 * process that stopped runs out and another takes the document. `wake` after each filing and the
 * periodic `drain` (the `text-extraction` job) keep it moving.
 */
export class ExtractionQueue {
  /** Files finished by this process since it started, by outcome and reason (for metrics). */
  readonly outcomes = new Map<string, number>();
  private draining: Promise<void> | null = null;
  private again = false;
  /** Claimed and not yet recorded: being read from the store or in the pool. */
  private active = 0;

  constructor(
    private readonly db: DataSource,
    private readonly blobs: BlobStore,
    private readonly pool: ExtractionPool,
    private readonly leaseMs: number,
    private readonly log?: Logger,
  ) {}

  /** Files claimed by this process and not yet done. */
  get inHand(): number {
    return this.active;
  }

  /** Documents waiting for their text, across replicas. */
  async pending(): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM document WHERE text_status = 'PENDING' AND purged_at IS NULL`,
    );
    return row.n;
  }

  /** There may be work: drain soon, without waiting for the next poll. */
  wake(): void {
    void this.drain().catch((e) =>
      this.log?.warn({ err: (e as Error).message }, 'text extraction: drain failed'),
    );
  }

  /** Claims what the free threads can take and starts it; runs again when a file finishes. */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    const run = this.claimWhatFits().finally(() => {
      if (this.draining === run) this.draining = null;
    });
    this.draining = run;
    return run;
  }

  private async claimWhatFits(): Promise<void> {
    do {
      this.again = false;
      const free = this.pool.size - this.active;
      if (free <= 0 || this.pool.closed) return;
      const claimed = await this.claim(free);
      this.active += claimed.length;
      for (const doc of claimed) void this.extract(doc);
      if (claimed.length === free) this.again = true;
    } while (this.again);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async claim(limit: number): Promise<Claimed[]> {
    return this.db.query(
      `WITH claimed AS (
         UPDATE document d SET text_claimed_until = clock_timestamp() + make_interval(secs => $2::float8 / 1000)
          WHERE d.id IN (SELECT id FROM document
                          WHERE text_status = 'PENDING' AND purged_at IS NULL
                            AND (text_claimed_until IS NULL OR text_claimed_until < clock_timestamp())
                          ORDER BY updated_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING d.id, d.current_version, d.text_attempts)
       SELECT c.id, c.current_version AS version, c.text_attempts AS attempts, v.sha256,
              v.size::float8 AS size, v.mime_type AS "mimeType"
         FROM claimed c JOIN document_version v ON v.document_id = c.id AND v.number = c.current_version`,
      [limit, this.leaseMs],
    );
  }

  private async extract(doc: Claimed): Promise<void> {
    try {
      if (doc.attempts >= MAX_ATTEMPTS) {
        await this.record(doc, { status: 'FAILED', reason: 'attempts' });
        return;
      }
      const bytes = await this.read(doc);
      // Counted before the pool runs it: a file that takes its process down is not retried forever.
      await this.db.query('UPDATE document SET text_attempts = text_attempts + 1 WHERE id = $1', [doc.id]);
      await this.record(doc, await this.pool.run(doc.mimeType, bytes));
    } catch (e) {
      // Shutdown: the file never ran here, so its claim and its attempt go back at once and another
      // replica takes it now, not when the lease runs out (a drain already in flight when the pool
      // closed could claim a document and then sit on it for the whole lease).
      if (e instanceof PoolClosed)
        await this.db
          .query(
            `UPDATE document SET text_claimed_until = NULL, text_attempts = greatest(text_attempts - 1, 0)
              WHERE id = $1 AND text_status = 'PENDING'`,
            [doc.id],
          )
          .catch(() => {});
      // The store or the database away: the claim runs out and the document is taken again.
      else
        this.log?.warn({ documentId: doc.id, err: (e as Error).message }, 'text extraction: left for later');
    } finally {
      this.active--;
      if (!this.pool.closed) this.wake();
    }
  }

  /** Only what the index can keep of a text file; other files whole (the upload limit bounds them). */
  private async read(doc: Claimed): Promise<Uint8Array> {
    const cap = 4 * MAX_INDEXED_CHARS;
    const range = doc.mimeType.startsWith('text/') && doc.size > cap ? { start: 0, end: cap - 1 } : undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.blobs.get(doc.sha256, range)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Writes the outcome, unless a newer version replaced the one read (it has its own turn). */
  private async record(doc: Claimed, reply: ExtractionReply): Promise<void> {
    const status: TextStatus = reply.status;
    this.outcomes.set(outcomeOf(reply), (this.outcomes.get(outcomeOf(reply)) ?? 0) + 1);
    if (reply.status !== 'DONE')
      this.log?.warn(
        { documentId: doc.id, status, reason: reply.reason },
        'text extraction: document kept without its text',
      );
    await this.db.query(
      `UPDATE document SET search_text = $3, text_status = $4, text_claimed_until = NULL
        WHERE id = $1 AND current_version = $2 AND text_status = 'PENDING' AND purged_at IS NULL`,
      [doc.id, doc.version, reply.status === 'DONE' ? reply.text : '', status],
    );
  }
}

/** A bounded label for metrics: the status, and for TOO_COMPLEX which budget (time, memory, output, limits). */
export function outcomeOf(reply: ExtractionReply): string {
  if (reply.status !== 'TOO_COMPLEX') return reply.status;
  return `TOO_COMPLEX:${['time', 'memory', 'output'].includes(reply.reason) ? reply.reason : 'limits'}`;
}
