import { type Identity, badInput, recordEvents } from '@backoffice/kit';
import type { EntityManager } from 'typeorm';
import { type EntrySource, JournalEntry } from './journal.entity.js';
import { journalEntryApprovalRequested, journalEntryPosted } from './journal.events.js';
import { type JournalLineInput, checkLines, entryNumber, needsApproval, periodOf } from './journal.rules.js';

export interface LedgerSettings {
  baseCurrency: string;
  approvalThreshold: string;
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
 * The one way anything enters the books, always inside the caller's transaction: lines checked, accounts
 * active, period open, then either posted with the next gapless number of its fiscal year or parked for a
 * four-eyes approval. Its event is recorded in the same transaction.
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
    await this.assertAccountsUsable(
      em,
      lines.map((l) => l.accountCode),
    );
    await this.assertPeriodOpen(em, draft.date);
    const pending = (options.fourEyes ?? true) && needsApproval(total, this.settings.approvalThreshold);
    const number = pending ? null : await this.nextNumber(em, draft.date);
    const [{ id }]: { id: string }[] = await em.query(
      `INSERT INTO journal_entry (number, date, description, reference, currency, total, status, source, source_id,
         reversal_of, author, posted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $7 = 'POSTED' THEN now() END)
       RETURNING id`,
      [
        number,
        draft.date,
        draft.description,
        draft.reference ?? null,
        this.settings.baseCurrency,
        total,
        pending ? 'PENDING_APPROVAL' : 'POSTED',
        draft.source,
        draft.sourceId ?? null,
        draft.reversalOf ?? null,
        author,
      ],
    );
    const params: unknown[] = [id];
    const rows = lines.map((l, i) => {
      params.push(i + 1, l.accountCode, l.debit, l.credit, l.costCenter, l.description);
      const o = i * 6 + 1;
      return `($1, $${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6})`;
    });
    await em.query(
      `INSERT INTO journal_line (entry_id, line_no, account_code, debit, credit, cost_center, description)
       VALUES ${rows.join(', ')}`,
      params,
    );
    const entry = await em.findOneByOrFail(JournalEntry, { id });
    await recordEvents(
      em,
      pending ? journalEntryApprovalRequested(entry, actor) : journalEntryPosted(entry, actor),
    );
    return entry;
  }

  /**
   * Posts a pending entry after its approval, with its number from the day it is posted. Answers why not
   * when it cannot (the caller logs it and the entry stays pending).
   */
  async postApproved(
    em: EntityManager,
    id: string,
    decidedBy: string,
    comment: string | null,
  ): Promise<{ entry: JournalEntry } | { refused: string }> {
    const [row] = await em.query('SELECT status, author, date FROM journal_entry WHERE id = $1 FOR UPDATE', [
      id,
    ]);
    if (!row) return { refused: 'no such journal entry' };
    if (row.status !== 'PENDING_APPROVAL') return { refused: `the entry is ${row.status}, not pending` };
    if (row.author === decidedBy)
      return { refused: 'the author may not approve their own entry (four eyes)' };
    if (await this.isClosed(em, periodOf(row.date)))
      return { refused: `period ${periodOf(row.date)} is closed; reopen it and approve again` };
    const number = await this.nextNumber(em, row.date);
    await em.query(
      `UPDATE journal_entry SET status = 'POSTED', number = $2, posted_at = now(), decided_by = $3, decision_comment = $4
       WHERE id = $1`,
      [id, number, decidedBy, comment],
    );
    const entry = await em.findOneByOrFail(JournalEntry, { id });
    await recordEvents(em, journalEntryPosted(entry, { userId: decidedBy }));
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

  /** The counter row of the fiscal year stays locked until commit, so numbers have no gaps. */
  private async nextNumber(em: EntityManager, date: string): Promise<string> {
    const year = Number(date.slice(0, 4));
    const [{ last_number }] = await em.query(
      `INSERT INTO fiscal_year_counter (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = fiscal_year_counter.last_number + 1
       RETURNING last_number`,
      [year],
    );
    return entryNumber(year, last_number);
  }
}
