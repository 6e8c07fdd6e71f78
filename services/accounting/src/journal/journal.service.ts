import {
  type Connection,
  type ServiceContext,
  badInput,
  byIdLoader,
  byKeys,
  conflict,
  connection,
  decodeCursor,
  groupByKeys,
  isValidDate,
  pageSize,
  recordEvents,
  lockById,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { JournalEntry, JournalLine } from './journal.entity.js';
import { journalEntryReversed } from './journal.events.js';
import { checkText, reversedLines } from './journal.rules.js';
import type { Ledger } from './ledger.js';
import { PostingBatcher } from './posting-batcher.js';
import type { JournalEntryFilter, PostJournalEntryInput } from '../generated/graphql.js';

export class JournalService {
  readonly postings: PostingBatcher;

  constructor(
    private readonly db: DataSource,
    private readonly ledger: Ledger,
  ) {
    this.postings = new PostingBatcher(db, ledger);
  }

  /** Concurrent postings share a transaction and its commit (see PostingBatcher). */
  async post(ctx: ServiceContext, input: PostJournalEntryInput): Promise<JournalEntry> {
    const description = checkText(input.description, 'description', 500) as string;
    const reference = checkText(input.reference, 'reference', 100, false);
    return this.postings.post(
      { date: input.date, description, reference, lines: input.lines, source: 'MANUAL' },
      ctx.identity.userId as string,
      ctx.identity,
    );
  }

  /** A posted entry's number exists once its transaction has committed. */
  private async withNumber(entry: JournalEntry): Promise<JournalEntry> {
    if (entry.status === 'POSTED') entry.number = await this.ledger.numberOf(this.db.manager, entry.id);
    return entry;
  }

  /**
   * A correction: the mirror entry on `date`, linked to the original, which becomes REVERSED. Above the
   * four-eyes threshold the reversal waits for an approval like any entry, and the original stays posted
   * until it is given (undoing a large entry moves as much money as making it).
   */
  async reverse(ctx: ServiceContext, id: string, date: string): Promise<JournalEntry> {
    const reversal = await this.db.transaction(async (em) => {
      const original = await lockById(em, JournalEntry, id);
      if (original.status === 'REVERSED')
        throw conflict(`journal entry ${original.number} is already reversed`);
      if (original.status !== 'POSTED')
        throw conflict(`only a posted entry can be reversed; this one is ${original.status}`);
      const [waiting] = await em.query(
        `SELECT id FROM journal_entry WHERE reversal_of = $1 AND status = 'PENDING_APPROVAL'`,
        [original.id],
      );
      if (waiting)
        throw conflict(
          `a reversal of ${original.number} (${waiting.id}) already waits for approval; decide that one first`,
        );
      if (date < original.date)
        throw badInput('a reversal cannot be dated before the entry it reverses', 'date');
      const lines = await em.find(JournalLine, { where: { entryId: original.id }, order: { lineNo: 'ASC' } });
      const reversal = await this.ledger.book(
        em,
        {
          date,
          description: `Reversal of ${original.number}: ${original.description}`.slice(0, 500),
          reference: original.number,
          lines: reversedLines(lines),
          source: 'REVERSAL',
          reversalOf: original.id,
        },
        ctx.identity.userId as string,
        ctx.identity,
      );
      // Waiting for four eyes: the original is reversed when the approval posts the reversal.
      if (reversal.status === 'PENDING_APPROVAL') return reversal;
      await em.query(`UPDATE journal_entry SET status = 'REVERSED' WHERE id = $1`, [original.id]);
      original.status = 'REVERSED';
      await recordEvents(em, journalEntryReversed(original, reversal, ctx.identity));
      return reversal;
    });
    return this.withNumber(reversal);
  }

  private entries(ctx: ServiceContext) {
    return byIdLoader(ctx, this.db, JournalEntry);
  }

  byId(ctx: ServiceContext, id: string): Promise<JournalEntry | null> {
    return this.entries(ctx).load(id);
  }

  lines(ctx: ServiceContext, entryId: string): Promise<JournalLine[]> {
    return ctx.loaders
      .get<string, JournalLine[]>('journal-lines', async (ids) => {
        const rows = await this.db
          .getRepository(JournalLine)
          .createQueryBuilder('l')
          .where('l.entry_id = ANY(:ids)', { ids })
          .orderBy('l.line_no', 'ASC')
          .getMany();
        return groupByKeys(ids, rows, (l) => l.entryId);
      })
      .load(entryId);
  }

  reversedBy(ctx: ServiceContext, entryId: string): Promise<JournalEntry | null> {
    return ctx.loaders
      .get<string, JournalEntry | null>('journal-reversed-by', async (ids) => {
        const rows = await this.db
          .getRepository(JournalEntry)
          .createQueryBuilder('e')
          .where(`e.reversal_of = ANY(:ids) AND e.status = 'POSTED'`, { ids })
          .getMany();
        return byKeys(ids, rows, (e) => e.reversalOf as string);
      })
      .load(entryId);
  }

  /** Newest first by date, then by creation; filters combine. */
  async list(
    ctx: ServiceContext,
    args: { first?: number | null; after?: string | null; filter?: JournalEntryFilter | null },
  ): Promise<Connection<JournalEntry>> {
    const first = pageSize(args.first);
    const f = args.filter ?? {};
    const qb = this.db.getRepository(JournalEntry).createQueryBuilder('e');
    if (f.from) qb.andWhere('e.date >= :from', { from: f.from });
    if (f.to) qb.andWhere('e.date <= :to', { to: f.to });
    if (f.status) qb.andWhere('e.status = :status', { status: f.status });
    if (f.reference) qb.andWhere('e.reference = :reference', { reference: f.reference });
    if (f.accountCode)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM journal_line l WHERE l.entry_id = e.id AND l.account_code = :code)',
        {
          code: f.accountCode.trim().toUpperCase(),
        },
      );
    // Counted only if the client asks for totalCount: on a big table the count costs more than the page.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    const after = decodeCursor(args.after, 2);
    if (after) {
      if (typeof after[0] !== 'string' || !isValidDate(after[0]))
        throw badInput('after is not a cursor', 'after');
      qb.andWhere('(e.date, e.seq) < (:d::date, :s::bigint)', { d: after[0], s: String(after[1]) });
    }
    const rows = await qb
      .orderBy('e.date', 'DESC')
      .addOrderBy('e.seq', 'DESC')
      .limit(first + 1)
      .getMany();
    const loader = this.entries(ctx);
    for (const row of rows) loader.prime(row.id, row);
    return connection(rows, first, totalCount, (e) => [e.date, e.seq], args.after);
  }
}
