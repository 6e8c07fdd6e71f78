import { randomUUID } from 'node:crypto';
import { type Identity, badInput, outboxParameters, recordEvents } from '@backoffice/kit';
import type { EntityManager } from 'typeorm';
import { type EntrySource, JournalEntry } from './journal.entity.js';
import { ENTRY_APPROVER_ROLE, stepsFor } from './four-eyes.rules.js';
import { journalEntryApprovalRequested, journalEntryPosted, journalEntryReversed } from './journal.events.js';
import { type JournalLineInput, checkLines, needsApproval, periodOf } from './journal.rules.js';
import { INSERT_ENTRIES_AND_LINES, INSERT_ENTRY_AND_LINES } from './ledger.statements.js';

export interface LedgerSettings {
  baseCurrency: string;
  approvalThreshold: string;
  /** Above it the approval also needs an admin's second step (default 100000). */
  secondApprovalThreshold?: string;
}

/** What a feature (a manual entry, an invoice, a payroll run) asks the books to record. */
export interface EntryDraft {
  date: string;
  description: string;
  reference?: string | null;
  lines: readonly JournalLineInput[];
  source: EntrySource;
  /** The business document behind the entry (payroll run id, invoice id): at most one entry each. */
  sourceId?: string | null;
  reversalOf?: string | null;
}

type Actor = Pick<Identity, 'userId'> | null;

/**
 * An entry as its insert left it. The number is given at commit (see the number-at-commit migration)
 * and read back after it.
 */
function insertedEntry(
  draft: EntryDraft,
  row: {
    id: string;
    seq: string;
    created_at: Date;
    posted_at: Date | null;
    total: string;
    status: JournalEntry['status'];
    author: string;
    currency: string;
    approval?: { requestId: string; role: string; steps: number } | null;
  },
): JournalEntry {
  return Object.assign(new JournalEntry(), {
    id: row.id,
    seq: row.seq,
    number: null,
    date: draft.date,
    description: draft.description,
    reference: draft.reference ?? null,
    currency: row.currency,
    total: row.total,
    status: row.status,
    source: draft.source,
    sourceId: draft.sourceId ?? null,
    reversalOf: draft.reversalOf ?? null,
    author: row.author,
    decidedBy: null,
    decisionComment: null,
    approvalRequestId: row.approval?.requestId ?? null,
    approvalRole: row.approval?.role ?? null,
    approvalSteps: row.approval?.steps ?? null,
    approvalId: null,
    createdAt: row.created_at,
    postedAt: row.posted_at,
  } satisfies JournalEntry);
}

/** One entry of a shared posting: what to book, by whom, and the trace its event belongs to. */
export interface Booking {
  draft: EntryDraft;
  author: string;
  actor: Actor;
  traceparent?: string;
  /** The draft's lines as `checkLines` returned them, when the caller checked them already. */
  checked?: ReturnType<typeof checkLines>;
}

/**
 * The one way anything enters the books, always inside the caller's transaction: lines checked, accounts
 * active, period open, then either posted or parked for a four-eyes approval. Its event is recorded in the
 * same transaction. A posted entry gets the next gapless number of its fiscal year when that transaction
 * commits (a deferred trigger, so the year's counter is locked only for the commit): `numberOf` reads it
 * afterwards.
 */
export class Ledger {
  constructor(readonly settings: LedgerSettings) {}

  async book(
    em: EntityManager,
    draft: EntryDraft,
    author: string,
    actor: Actor,
    options: { fourEyes?: boolean } = {},
  ): Promise<JournalEntry> {
    const { lines, total } = checkLines(draft.lines);
    const pending = (options.fourEyes ?? true) && needsApproval(total, this.settings.approvalThreshold);
    // A posted entry's period is checked by the database as it goes in (and share-locked against a
    // close); a pending one is not in the books yet, so only here.
    if (pending) await this.assertPeriodOpen(em, draft.date);
    const status = pending ? 'PENDING_APPROVAL' : 'POSTED';
    // What is asked is decided here, from the entry itself: the id of the request event (the only
    // decision the entry will accept), the role, and a second step above the second threshold.
    const approval = pending
      ? {
          requestId: randomUUID(),
          role: ENTRY_APPROVER_ROLE,
          steps: stepsFor(total, this.settings.secondApprovalThreshold ?? '100000'),
        }
      : null;
    let row: { id: string; seq: string; created_at: Date; posted_at: Date | null; lines: number };
    try {
      [row] = await em.query(INSERT_ENTRY_AND_LINES, [
        draft.date,
        draft.description,
        draft.reference ?? null,
        this.settings.baseCurrency,
        total,
        status,
        draft.source,
        draft.sourceId ?? null,
        draft.reversalOf ?? null,
        author,
        lines.map((l) => l.accountCode),
        lines.map((l) => l.debit),
        lines.map((l) => l.credit),
        lines.map((l) => l.costCenter),
        lines.map((l) => l.description),
        approval?.requestId ?? null,
        approval?.role ?? null,
        approval?.steps ?? null,
      ]);
    } catch (e) {
      if (/^period \d{4}-\d{2} is closed$/.test((e as Error).message))
        throw badInput(
          `period ${periodOf(draft.date)} is closed: nothing may be posted on ${draft.date}`,
          'date',
        );
      throw e;
    }
    if (row.lines !== lines.length) {
      // Some line's account is unknown or inactive: say which (this throws), and the transaction rolls back.
      await this.assertAccountsUsable(
        em,
        lines.map((l) => l.accountCode),
      );
      throw new Error(`entry ${row.id}: ${row.lines} of ${lines.length} lines written`);
    }
    const entry = insertedEntry(draft, {
      ...row,
      total,
      status,
      author,
      currency: this.settings.baseCurrency,
      approval,
    });
    await recordEvents(
      em,
      pending ? journalEntryApprovalRequested(entry, actor) : journalEntryPosted(entry, actor),
    );
    return entry;
  }

  /**
   * Books several entries in the caller's transaction (group commit): one statement whatever their
   * number (entries, lines, the batch marker and the events; a second first when some wait for approval), each posted or, above the threshold, pending a four-eyes approval as `book` would park it.
   * Throws if any one is refused (unknown or inactive account, closed period, a constraint), leaving the
   * transaction to roll back as a whole; the caller then books them one by one with `book`, which names
   * the reason. Posted ones are numbered at commit, in this order, with one counter update, one balance
   * upsert per table and two event updates for the whole batch.
   */
  async bookPosted(em: EntityManager, bookings: readonly Booking[]): Promise<JournalEntry[]> {
    const checked = bookings.map((booking) => {
      const { lines, total } = booking.checked ?? checkLines(booking.draft.lines);
      const pending = needsApproval(total, this.settings.approvalThreshold);
      const approval = pending
        ? {
            requestId: randomUUID(),
            role: ENTRY_APPROVER_ROLE,
            steps: stepsFor(total, this.settings.secondApprovalThreshold ?? '100000'),
          }
        : null;
      return {
        id: randomUUID(),
        lines,
        total,
        status: pending ? 'PENDING_APPROVAL' : 'POSTED',
        approval,
      } as const;
    });
    // A pending entry's period is not checked by the database (it is not in the books yet): here, for all
    // of them at once; one closed sends the batch back to `book`, which names it.
    const pendingPeriods = bookings.filter((_, i) => checked[i].approval).map((b) => periodOf(b.draft.date));
    if (pendingPeriods.length > 0) {
      const closed = await em.query(
        `SELECT period FROM fiscal_period WHERE period = ANY($1) AND status = 'CLOSED'`,
        [pendingPeriods],
      );
      if (closed.length > 0) throw new Error(`period ${closed[0].period} is closed`);
    }
    const all = checked.flatMap(({ id, lines }) => lines.map((l, i) => ({ id, lineNo: i + 1, ...l })));
    // The entries as they will be inserted (seq and times come back from the insert), so that their events
    // go into the outbox in the same statement.
    const entries = bookings.map(({ draft, author }, i) => {
      const { id, total, status, approval } = checked[i];
      const unwritten = { id, seq: '', created_at: new Date(0), posted_at: null };
      return insertedEntry(draft, {
        ...unwritten,
        total,
        status,
        author,
        currency: this.settings.baseCurrency,
        approval,
      });
    });
    // Each event carries the trace of the request that asked for its entry, not of the shared commit.
    const events = entries.map((entry, i) => {
      const { actor, traceparent } = bookings[i];
      const event =
        entry.status === 'PENDING_APPROVAL'
          ? journalEntryApprovalRequested(entry, actor)
          : journalEntryPosted(entry, actor);
      return traceparent ? { ...event, traceparent } : event;
    });
    if (!em.queryRunner?.isTransactionActive)
      throw new Error('bookPosted must run inside the transaction that commits the entries and their events');
    const rows: { id: string; seq: string; created_at: Date; posted_at: Date | null; lines: number }[] =
      await em.query(INSERT_ENTRIES_AND_LINES, [
        this.settings.baseCurrency,
        checked.map((c) => c.id),
        bookings.map((b) => b.draft.date),
        bookings.map((b) => b.draft.description),
        bookings.map((b) => b.draft.reference ?? null),
        checked.map((c) => c.total),
        bookings.map((b) => b.draft.source),
        bookings.map((b) => b.draft.sourceId ?? null),
        bookings.map((b) => b.draft.reversalOf ?? null),
        bookings.map((b) => b.author),
        all.map((l) => l.id),
        all.map((l) => l.lineNo),
        all.map((l) => l.accountCode),
        all.map((l) => l.debit),
        all.map((l) => l.credit),
        all.map((l) => l.costCenter),
        all.map((l) => l.description),
        checked.map((c) => c.status),
        checked.map((c) => c.approval?.requestId ?? null),
        checked.map((c) => c.approval?.role ?? null),
        checked.map((c) => c.approval?.steps ?? null),
        this.enterBooksTogether(checked.filter((c) => !c.approval).map((c) => c.id)),
        ...outboxParameters(events),
      ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [i, entry] of entries.entries()) {
      const row = byId.get(entry.id);
      if (row?.lines !== checked[i].lines.length)
        throw new Error(`entry ${entry.id}: ${row?.lines ?? 0} of ${checked[i].lines.length} lines written`);
      entry.seq = row.seq;
      entry.createdAt = row.created_at;
      entry.postedAt = row.posted_at;
    }
    return entries;
  }

  /**
   * The ids a batch's marker records, written with its entries and queued before them, so that the
   * marker's deferred trigger brings them all into the books set-wise at commit (the batch-enter-books
   * migration); each entry's own trigger then finds its number given. Without a marker (null: the
   * benchmark's baseline overrides it), each entry enters the books on its own at commit, as before.
   */
  protected enterBooksTogether(ids: readonly string[]): readonly string[] | null {
    return ids;
  }

  /** The numbers entries got when their transaction committed, by id (null: not in the books). */
  async numbersOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, string | null>> {
    const rows: { id: string; number: string | null }[] = await em.query(
      'SELECT id, number FROM journal_entry WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.number]));
  }

  /** The number an entry got when its transaction committed (null while it is not in the books). */
  async numberOf(em: EntityManager, id: string): Promise<string | null> {
    const [row] = await em.query('SELECT number FROM journal_entry WHERE id = $1', [id]);
    return row?.number ?? null;
  }

  /**
   * Posts a pending entry after its approval, with its number from the day it is posted; an approved
   * reversal also marks the entry it reverses REVERSED. Answers why not when it cannot (the caller logs
   * it and the entry stays pending).
   */
  async postApproved(
    em: EntityManager,
    id: string,
    decidedBy: string,
    comment: string | null,
    approvalId: string | null = null,
  ): Promise<{ entry: JournalEntry } | { refused: string }> {
    const [row] = await em.query(
      'SELECT status, author, date, reversal_of FROM journal_entry WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!row) return { refused: 'no such journal entry' };
    if (row.status !== 'PENDING_APPROVAL') return { refused: `the entry is ${row.status}, not pending` };
    if (row.author === decidedBy)
      return { refused: 'the author may not approve their own entry (four eyes)' };
    if (await this.isClosed(em, periodOf(row.date)))
      return { refused: `period ${periodOf(row.date)} is closed; reopen it and approve again` };
    let original: JournalEntry | null = null;
    if (row.reversal_of) {
      original = await em
        .getRepository(JournalEntry)
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.id = :id', { id: row.reversal_of })
        .getOne();
      if (original?.status !== 'POSTED')
        return { refused: `the entry it reverses is ${original?.status ?? 'missing'}, not posted` };
    }
    // Numbered at commit, like every entry entering the books.
    await em.query(
      `UPDATE journal_entry SET status = 'POSTED', posted_at = now(), decided_by = $2, decision_comment = $3,
         approval_id = $4
       WHERE id = $1`,
      [id, decidedBy, comment, approvalId],
    );
    const entry = await em.findOneByOrFail(JournalEntry, { id });
    const actor = { userId: decidedBy };
    await recordEvents(em, journalEntryPosted(entry, actor));
    if (original) {
      await em.query(`UPDATE journal_entry SET status = 'REVERSED' WHERE id = $1`, [original.id]);
      original.status = 'REVERSED';
      await recordEvents(em, journalEntryReversed(original, entry, actor));
    }
    return { entry };
  }

  async assertAccountsUsable(em: EntityManager, codes: string[]): Promise<void> {
    const rows: { code: string; active: boolean }[] = await em.query(
      'SELECT code, active FROM account WHERE code = ANY($1)',
      [codes],
    );
    const known = new Map(rows.map((r) => [r.code, r.active]));
    codes.forEach((code, i) => {
      const active = known.get(code);
      if (active === undefined) throw badInput(`account ${code} does not exist`, `lines[${i}].accountCode`);
      if (!active) throw badInput(`account ${code} is inactive`, `lines[${i}].accountCode`);
    });
  }

  async assertPeriodOpen(em: EntityManager, date: string, field = 'date'): Promise<void> {
    const period = periodOf(date);
    if (await this.isClosed(em, period))
      throw badInput(`period ${period} is closed: nothing may be posted on ${date}`, field);
  }

  private async isClosed(em: EntityManager, period: string): Promise<boolean> {
    const [row] = await em.query('SELECT status FROM fiscal_period WHERE period = $1', [period]);
    return row?.status === 'CLOSED';
  }
}
