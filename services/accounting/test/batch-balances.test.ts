import { accounting as accountingEvents } from '@backoffice/events';
import type { RunningSubgraph, ServiceContext } from '@backoffice/kit';
import { type TestRun, newTestRun, seededRandom, startTestSubgraph } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import { PostingBatcher } from '../src/journal/posting-batcher.js';
import type { AccountingServices } from '../src/services.js';
import { asAccountant, asController, line } from './support.js';

let run: TestRun;
let acc: RunningSubgraph<AccountingServices>;

beforeAll(async () => {
  run = newTestRun();
  acc = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

/**
 * A group commit brings its entries into the books set-wise (one counter update per year, one upsert of
 * the monthly and of the daily balances, two event updates: the batch-enter-books migration). Posted
 * concurrently from two batchers (two replicas of the service) across two years, many accounts and days,
 * the balance tables must hold exactly the sums of the lines, and the numbers stay gapless per year and
 * equal to their events'.
 */
describe('batched postings, set-wise into the books', () => {
  it('leave the monthly and daily balances (and the general ledger read from them) equal to the sum of the lines, numbers gapless per year', async () => {
    const db = acc.deps.db;
    const replicas = [0, 1].map(
      () => new PostingBatcher(db, acc.services.ledger, { maxBatch: 16, maxBatchesUnderWay: 2 }),
    );
    const { random, pick } = seededRandom(26);
    const accounts = ['1000', '1100', '1300', '2000', '3000', '4000', '4100', '4500', '8000'];
    const days = ['2030-01-01', '2030-01-31', '2030-02-14', '2030-12-31', '2031-01-01', '2031-06-15'];
    const postings = Array.from({ length: 240 }, (_, i) => {
      const amount = (1 + Math.floor(random() * 99_999) / 100).toFixed(2);
      const half = (Number(amount) / 2).toFixed(2);
      const rest = (Number(amount) - Number(half)).toFixed(2);
      return replicas[i % 2].post(
        {
          date: pick(days),
          description: `set-wise ${i}`,
          lines: [
            line(pick(accounts), amount, null),
            line(pick(accounts), null, half),
            line(pick(accounts), null, rest),
          ],
          source: 'MANUAL',
        },
        'user-accountant',
        asAccountant,
      );
    });
    const posted = await Promise.all(postings);
    expect(posted.every((e) => e.status === 'POSTED' && e.number !== null)).toBe(true);

    // The batches did share commits (else this would test the per-entry trigger only).
    const [{ commits }] = await db.query(
      `SELECT count(DISTINCT xmin::text)::int AS commits FROM journal_entry WHERE description LIKE 'set-wise %'`,
    );
    expect(commits).toBeLessThan(120);

    const months = await db.query(
      `SELECT account_code, month::text, debit::numeric(18, 2)::text, credit::numeric(18, 2)::text
         FROM account_month_balance WHERE month >= '2030-01-01' ORDER BY 1, 2`,
    );
    const monthsFromLines = await db.query(
      `SELECT l.account_code, date_trunc('month', e.date)::date::text AS month,
              sum(l.debit)::numeric(18, 2)::text AS debit, sum(l.credit)::numeric(18, 2)::text AS credit
         FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
        WHERE e.date >= '2030-01-01' AND e.status IN ('POSTED', 'REVERSED') GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(months.length).toBeGreaterThan(10);
    expect(months).toEqual(monthsFromLines);
    const daysTable = await db.query(
      `SELECT account_code, day::text, debit::numeric(18, 2)::text, credit::numeric(18, 2)::text
         FROM account_day_balance WHERE day >= '2030-01-01' ORDER BY 1, 2`,
    );
    const daysFromLines = await db.query(
      `SELECT l.account_code, e.date::text AS day,
              sum(l.debit)::numeric(18, 2)::text AS debit, sum(l.credit)::numeric(18, 2)::text AS credit
         FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
        WHERE e.date >= '2030-01-01' AND e.status IN ('POSTED', 'REVERSED') GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(daysTable).toEqual(daysFromLines);

    for (const year of ['2030', '2031']) {
      const rows: { number: string; event_number: string }[] = await db.query(
        `SELECT e.number, o.payload->'data'->>'number' AS event_number
           FROM journal_entry e JOIN outbox o ON o.aggregate_id = e.id::text AND o.subject = $2
          WHERE extract(year FROM e.date) = $1 ORDER BY e.number`,
        [year, accountingEvents.journalEntryPosted.type],
      );
      expect(rows.length).toBeGreaterThan(20);
      expect(rows.map((r) => r.number)).toEqual(
        Array.from({ length: rows.length }, (_, i) => `${year}-${String(i + 1).padStart(6, '0')}`),
      );
      expect(rows.every((r) => r.event_number === r.number)).toBe(true);
    }
    // The general ledger's balances, now read from the balance tables, against the lines themselves.
    for (const code of accounts)
      for (const [from, to] of [
        ['2030-01-15', '2030-12-31'],
        ['2030-01-31', '2031-01-01'],
        ['2031-01-02', '2031-12-31'],
      ]) {
        const gl = await acc.services.reports.generalLedger({ accountCode: code, from, to, first: 1 });
        const [fromLines] = await db.query(
          `SELECT coalesce(sum(l.debit - l.credit) FILTER (WHERE e.date < $2), 0)::numeric(18, 2)::text AS opening,
                  coalesce(sum(l.debit - l.credit), 0)::numeric(18, 2)::text AS closing,
                  coalesce(sum(l.debit) FILTER (WHERE e.date >= $2), 0)::numeric(18, 2)::text AS debit,
                  coalesce(sum(l.credit) FILTER (WHERE e.date >= $2), 0)::numeric(18, 2)::text AS credit,
                  count(*) FILTER (WHERE e.date >= $2)::int AS n
             FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
            WHERE l.account_code = $1 AND e.status IN ('POSTED', 'REVERSED') AND e.date <= $3`,
          [code, from, to],
        );
        expect(
          {
            opening: gl.openingBalance,
            closing: gl.closingBalance,
            debit: gl.totalDebit,
            credit: gl.totalCredit,
            n: gl.totalCount,
          },
          `${code} ${from}..${to}`,
        ).toEqual(fromLines);
      }

    // Each caller got the number its entry has; the markers never outlive their transaction.
    const numbers = new Map(
      (await db.query(`SELECT id, number FROM journal_entry WHERE description LIKE 'set-wise %'`)).map(
        (r: { id: string; number: string }) => [r.id, r.number],
      ),
    );
    expect(posted.every((e) => numbers.get(e.id) === e.number)).toBe(true);
    expect(await db.query('SELECT * FROM journal_batch')).toEqual([]);
  });

  it('park four-eyes entries in the same batches, pending, unnumbered and out of the balances', async () => {
    const db = acc.deps.db;
    const batcher = new PostingBatcher(db, acc.services.ledger, { maxBatch: 8, maxBatchesUnderWay: 2 });
    await acc.services.periods.close({ identity: asController } as ServiceContext, '2032-02');
    // Every fifth above the approval threshold (10000); one of those dated in a closed period.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => {
        const amount = i % 5 === 0 ? '25000.00' : '40.00';
        return batcher.post(
          {
            date: i === 15 ? '2032-02-10' : '2032-03-10',
            description: `four-eyes batch ${i}`,
            lines: [line('1000', amount, null), line('8000', null, amount)],
            source: 'MANUAL',
          },
          'user-accountant',
          asAccountant,
        );
      }),
    );
    const refused = outcomes[15] as PromiseRejectedResult;
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    const entries = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(entries).toHaveLength(39);
    const pending = entries.filter((e) => e.status === 'PENDING_APPROVAL');
    expect(pending).toHaveLength(7);
    expect(pending.every((e) => e.number === null && e.approvalRequestId !== null)).toBe(true);
    // Pending and posted entries committed together: the batch took them both.
    const [{ shared }] = await db.query(
      `SELECT count(*)::int AS shared FROM journal_entry p
        WHERE p.status = 'PENDING_APPROVAL' AND p.description LIKE 'four-eyes batch %'
          AND EXISTS (SELECT 1 FROM journal_entry q WHERE q.xmin = p.xmin AND q.status = 'POSTED')`,
    );
    expect(shared).toBeGreaterThan(0);
    const requested: { aggregate_id: string; request: string }[] = await db.query(
      `SELECT aggregate_id, payload->>'id' AS request FROM outbox WHERE subject = $1 AND aggregate_id = ANY($2)`,
      [accountingEvents.journalEntryApprovalRequested.type, pending.map((e) => e.id)],
    );
    expect(new Map(requested.map((r) => [r.aggregate_id, r.request]))).toEqual(
      new Map(pending.map((e) => [e.id, e.approvalRequestId])),
    );
    const numbers = (
      await db.query(
        `SELECT number FROM journal_entry WHERE date >= '2032-01-01' AND number IS NOT NULL ORDER BY number`,
      )
    ).map((r: { number: string }) => r.number);
    expect(numbers).toEqual(Array.from({ length: 32 }, (_, i) => `2032-${String(i + 1).padStart(6, '0')}`));
    const [month] = await db.query(
      `SELECT debit::numeric(18, 2)::text FROM account_month_balance WHERE account_code = '1000' AND month = '2032-03-01'`,
    );
    expect(month.debit).toBe('1280.00');
  });
});
