import { AsyncResource } from 'node:async_hooks';
import {
  type IdempotencyClaim,
  currentIdempotencyClaim,
  currentTraceparent,
  isTransientDatabaseError,
  markIdempotencyClaimsCommitted,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import type { JournalEntry } from './journal.entity.js';
import { checkLines } from './journal.rules.js';
import type { Booking, EntryDraft, Ledger } from './ledger.js';

type RunIn = <T>(fn: () => T) => T;

interface Waiting {
  booking: Booking;
  /** The Idempotency-Key claim of the request that asked, marked in the shared transaction. */
  claim: IdempotencyClaim | undefined;
  /** Runs a function in the async context of the request that asked (its claim, its trace). */
  inCaller: RunIn;
  resolve(entry: JournalEntry): void;
  reject(error: unknown): void;
}

/**
 * Group commit for postings. Every posting of a year passes through one serial section at commit (the
 * counter row for the gapless number, the hot monthly and daily balance rows, the outbox's NOTIFY, the
 * WAL flush); postings arriving while batches are under way wait here, and the next batch books up to
 * `maxBatch` of them in one transaction with one commit, so that section is paid once per batch. No timer:
 * a posting that finds nothing under way starts its batch at once. One batch writes at a time: the next
 * starts when the one before has sent its COMMIT, so it writes while that one commits, and everything
 * that arrived while the one before was writing goes into it. (Starting it as soon as anything arrived
 * split the clients into more, smaller batches, each paying a batch's fixed cost: its statements, its
 * commit, the relay's wake-up.)
 *
 * Each caller still gets its own entry with its number, read after the commit made it durable. When the
 * shared transaction fails (a refusal only the database sees: closed period, inactive account, a
 * constraint; or a request's Idempotency-Key taken over by a retry), each entry of the batch is posted on
 * its own, in its caller's context, so one bad entry never fails the others and each caller gets its own
 * error. Entries needing four-eyes approval share the batch too: they are parked pending with their
 * approval request event, and take no number at the commit.
 */
export class PostingBatcher {
  private readonly queue: Waiting[] = [];
  private batchesUnderWay = 0;
  /** The batch writing its entries (it has not sent its COMMIT yet), if any. */
  private writing: Waiting[] | null = null;
  private inBatches = 0;
  /** The context the batcher was made in (startup), free of any request's claim and trace. */
  private readonly detached: RunIn = AsyncResource.bind(<T>(fn: () => T): T => fn());
  private readonly maxBatch: number;
  private readonly maxBatchesUnderWay: number;
  private readonly oneWriting: boolean;

  /**
   * `maxBatchesUnderWay`: batches booking or committing at once. With two, the next batch writes its
   * entries while the one before commits (its commit then waits for that one's counter row); it starts
   * once the one before has sent its COMMIT.
   */
  constructor(
    private readonly db: DataSource,
    private readonly ledger: Ledger,
    options: {
      maxBatch?: number;
      maxBatchesUnderWay?: number;
      /** `arrival`: as before 2026-12-05, the next batch starts as soon as a posting waits (the bench's baseline). */
      nextBatch?: 'after-commit-sent' | 'arrival';
    } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 64;
    this.maxBatchesUnderWay = options.maxBatchesUnderWay ?? 2;
    this.oneWriting = options.nextBatch !== 'arrival';
  }

  /** Postings queued or in a batch under way. */
  get waiting(): number {
    return this.queue.length + this.inBatches;
  }

  /** Posts one entry (validated here, before the database) and answers it once it is durable. */
  async post(draft: EntryDraft, author: string, actor: Booking['actor']): Promise<JournalEntry> {
    // Checked once, here: the batch books these checked lines.
    const checked = checkLines(draft.lines);
    const booking: Booking = { draft, author, actor, traceparent: currentTraceparent(), checked };
    return new Promise<JournalEntry>((resolve, reject) => {
      this.queue.push({
        booking,
        claim: currentIdempotencyClaim(),
        inCaller: AsyncResource.bind(<T>(fn: () => T): T => fn()),
        resolve,
        reject,
      });
      this.detached(() => this.startBatches());
    });
  }

  private startBatches(): void {
    while (
      this.queue.length > 0 &&
      (this.writing === null || !this.oneWriting) &&
      this.batchesUnderWay < this.maxBatchesUnderWay
    ) {
      // By date, so every batch takes the fiscal years' counter rows in the same order (no deadlock
      // between batches of this or another process).
      const batch = this.queue
        .splice(0, this.maxBatch)
        .sort((a, b) => a.booking.draft.date.localeCompare(b.booking.draft.date));
      this.batchesUnderWay++;
      this.writing = batch;
      this.inBatches += batch.length;
      void this.commit(batch).finally(() => {
        this.doneWriting(batch);
        this.batchesUnderWay--;
        this.inBatches -= batch.length;
        this.startBatches();
      });
    }
  }

  /** The batch writing has sent its COMMIT (or failed): the next one may start writing. */
  private doneWriting(batch: Waiting[]): void {
    if (this.writing !== batch) return;
    this.writing = null;
    this.detached(() => this.startBatches());
  }

  private async commit(batch: Waiting[]): Promise<void> {
    let commitSent = false;
    let entries: JournalEntry[];
    try {
      entries = await this.db.transaction(async (em) => {
        const booked = await this.ledger.bookPosted(
          em,
          batch.map((w) => w.booking),
        );
        await markIdempotencyClaimsCommitted(
          em,
          batch.map((w) => w.claim),
        );
        commitSent = true;
        // TypeORM sends the COMMIT as this returns.
        this.doneWriting(batch);
        return booked;
      });
    } catch (error) {
      this.doneWriting(batch);
      // A COMMIT whose outcome is unknown (the connection broke) may have booked them all: posting them
      // again could book them twice, so each caller hears of it instead, as without batching. (A
      // deadlock or serialization failure is a definite refusal: nothing was booked.)
      if (commitSent && isTransientDatabaseError(error) && !['40001', '40P01'].includes(sqlState(error))) {
        for (const w of batch) w.reject(error);
        return;
      }
      await Promise.all(
        batch.map((w) => w.inCaller(() => this.postAlone(w.booking)).then(w.resolve, w.reject)),
      );
      return;
    }
    // Durable now: only the numbers are left to read, never a reason to book again.
    try {
      const numbers = await this.ledger.numbersOf(
        this.db.manager,
        entries.map((e) => e.id),
      );
      for (const [i, w] of batch.entries()) {
        entries[i].number = numbers.get(entries[i].id) ?? null;
        w.resolve(entries[i]);
      }
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  /** The posting as it was before batching: its own transaction and commit. */
  private async postAlone({ draft, author, actor }: Booking): Promise<JournalEntry> {
    const entry = await this.db.transaction((em) => this.ledger.book(em, draft, author, actor));
    if (entry.status === 'POSTED') entry.number = await this.ledger.numberOf(this.db.manager, entry.id);
    return entry;
  }
}

function sqlState(error: unknown): string {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  return String(e?.driverError?.code ?? e?.code ?? '');
}
