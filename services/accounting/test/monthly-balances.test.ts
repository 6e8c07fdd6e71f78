import type { RunningSubgraph, ServiceContext } from '@backoffice/kit';
import { type TestRun, newTestRun, seededRandom, startTestSubgraph } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import type { AccountingServices } from '../src/services.js';
import { TRIAL_BALANCE_FROM_EVERY_LINE, asAccountant, asController, line } from './support.js';

let run: TestRun;
let acc: RunningSubgraph<AccountingServices>;

beforeAll(async () => {
  run = newTestRun();
  acc = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

/** The trial balance the way it was computed before the monthly balances: every line up to the date. */
async function fromEveryLine(asOf: string) {
  const rows: { code: string; debit: string; credit: string; balance: string }[] = await acc.deps.db.query(
    TRIAL_BALANCE_FROM_EVERY_LINE,
    [asOf],
  );
  return rows.map((r) => ({ accountCode: r.code, debit: r.debit, credit: r.credit, balance: r.balance }));
}

/** The profit and loss the way it was computed before: every line in the range. */
async function profitAndLossFromEveryLine(from: string, to: string) {
  const rows: { code: string; type: string; amount: string }[] = await acc.deps.db.query(
    `SELECT a.code, a.type,
            (CASE WHEN a.type = 'REVENUE' THEN sum(l.credit - l.debit) ELSE sum(l.debit - l.credit) END)::numeric(18, 2)
              AS amount
       FROM journal_line l
       JOIN journal_entry e ON e.id = l.entry_id
       JOIN account a ON a.code = l.account_code
      WHERE e.status IN ('POSTED', 'REVERSED') AND e.date BETWEEN $1 AND $2 AND a.type IN ('REVENUE', 'EXPENSE')
      GROUP BY a.code ORDER BY a.code`,
    [from, to],
  );
  const of = (type: string) => rows.filter((r) => r.type === type).map((r) => [r.code, r.amount]);
  return { revenue: of('REVENUE'), expenses: of('EXPENSE') };
}

async function fromMonthlyBalances(asOf: string) {
  const tb = await acc.services.reports.trialBalance(asOf);
  expect(tb.totalDebit).toBe(tb.totalCredit);
  return tb.rows.map(({ accountCode, debit, credit, balance }) => ({ accountCode, debit, credit, balance }));
}

describe('monthly and daily balances (property)', () => {
  it('give the same trial balance (as of any date) and profit and loss (over any range) as every line, whatever was posted, approved, rejected, reversed or rolled back', async () => {
    const { random, pick } = seededRandom(4_2025);
    const accounts = ['1000', '1100', '1300', '2000', '3000', '4000', '4100', '4500', '8000'];
    const days = [
      '2025-01-01',
      '2025-01-31',
      '2025-02-14',
      '2025-02-28',
      '2025-03-01',
      '2025-12-31',
      '2026-01-01',
    ];
    const ctx = { identity: asAccountant } as ServiceContext;
    const { ledger, journal } = acc.services;

    const cents = () => 1 + Math.floor(random() * 12_000_00);
    const attempts = Array.from({ length: 300 }, (_, i) => {
      const amounts = Array.from({ length: 1 + Math.floor(random() * 3) }, cents);
      const total = amounts.reduce((a, b) => a + b, 0);
      const fmt = (c: number) => (c / 100).toFixed(2);
      return {
        i,
        date: pick(days),
        lines: [
          ...amounts.map((a) => line(pick(accounts), fmt(a), null)),
          line(pick(accounts), null, fmt(total)),
        ],
        rollBack: random() < 0.15,
      };
    });
    // Sixteen at a time, as concurrent clients; some roll back after booking.
    const booked: { id: string; status: string }[] = [];
    for (let k = 0; k < attempts.length; k += 16) {
      const results = await Promise.allSettled(
        attempts.slice(k, k + 16).map((a) =>
          acc.deps.db.transaction(async (em) => {
            const entry = await ledger.book(
              em,
              { date: a.date, description: `random ${a.i}`, lines: a.lines, source: 'MANUAL' },
              asAccountant.userId as string,
              asAccountant,
            );
            if (a.rollBack) throw new Error('rolled back on purpose');
            return { id: entry.id, status: entry.status };
          }),
        ),
      );
      for (const r of results) if (r.status === 'fulfilled') booked.push(r.value);
    }
    const pending = booked.filter((b) => b.status === 'PENDING_APPROVAL');
    const posted = booked.filter((b) => b.status === 'POSTED');
    // Above the threshold (10000) entries wait; approve half, reject the rest.
    expect(pending.length).toBeGreaterThan(10);
    for (const [j, p] of pending.entries())
      await acc.deps.db.transaction(async (em) => {
        if (j % 2 === 0) {
          const result = await ledger.postApproved(em, p.id, asController.userId as string, null);
          expect(result).toHaveProperty('entry');
        } else await em.query(`UPDATE journal_entry SET status = 'REJECTED' WHERE id = $1`, [p.id]);
      });
    for (const p of posted.slice(0, 20)) await journal.reverse(ctx, p.id, '2026-01-01');

    for (const asOf of [
      ...days,
      '2024-12-31',
      '2025-01-15',
      '2025-02-27',
      '2025-06-30',
      '2025-12-30',
      '2099-12-31',
    ])
      expect(await fromMonthlyBalances(asOf), asOf).toEqual(await fromEveryLine(asOf));

    for (const [from, to] of [
      ['2025-01-01', '2025-12-31'],
      ['2025-01-15', '2025-02-27'],
      ['2025-02-01', '2025-02-28'],
      ['2025-03-01', '2026-01-01'],
      ['2026-01-02', '2026-12-31'],
    ]) {
      const pl = await acc.services.reports.profitAndLoss(from, to);
      const amounts = (rows: { accountCode: string; amount: string }[]) =>
        rows.map((r) => [r.accountCode, r.amount]);
      expect({ revenue: amounts(pl.revenue), expenses: amounts(pl.expenses) }, `${from}..${to}`).toEqual(
        await profitAndLossFromEveryLine(from, to),
      );
    }

    // The tables themselves equal what a rebuild from the lines gives.
    const tables = async () => ({
      months: await acc.deps.db.query(
        'SELECT account_code, month, debit, credit FROM account_month_balance ORDER BY 1, 2',
      ),
      days: await acc.deps.db.query(
        'SELECT account_code, day, debit, credit FROM account_day_balance ORDER BY 1, 2',
      ),
    });
    const kept = await tables();
    expect(kept.months.length).toBeGreaterThan(20);
    expect(kept.days.length).toBeGreaterThan(kept.months.length);
    await acc.deps.db.query('SELECT account_month_balance_rebuild()');
    expect(await tables()).toEqual(kept);
  });

  it('are filled from the lines already posted when the migration runs (backfill)', async () => {
    const before = await fromMonthlyBalances('2025-12-31');
    expect(before.some((r) => r.debit !== '0.00')).toBe(true);
    // Undo the migration (and the later ones) and run them again over the books as they are.
    for (;;) {
      const [last] = await acc.deps.db.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
      await acc.deps.db.undoLastMigration({ transaction: 'all' });
      if (last.name === 'DailyBalances1764202600000') break;
    }
    const [{ exists }] = await acc.deps.db.query(
      `SELECT to_regclass('account_day_balance') IS NOT NULL AS exists`,
    );
    expect(exists).toBe(false);
    // Postings without the table still work (the commit trigger is back to numbers and months only).
    // Written as the code of that time wrote them: today's posting path needs the later migrations
    // (the four-eyes columns, the batch marker) that are undone here.
    await acc.deps.db.transaction(async (em) => {
      const [entry] = await em.query(
        `INSERT INTO journal_entry (date, description, currency, total, status, source, author, posted_at)
         VALUES ('2025-07-15', 'while the monthly balances are away', 'EUR', 7, 'POSTED', 'MANUAL', 'test', now())
         RETURNING id`,
      );
      await em.query(
        `INSERT INTO journal_line (entry_id, line_no, account_code, debit, credit)
         VALUES ($1, 1, '1000', 7, 0), ($1, 2, '8000', 0, 7)`,
        [entry.id],
      );
    });
    await acc.deps.db.runMigrations({ transaction: 'all' });
    for (const asOf of ['2025-07-14', '2025-07-15', '2025-07-31', '2025-12-31', '2026-01-01'])
      expect(await fromMonthlyBalances(asOf), asOf).toEqual(await fromEveryLine(asOf));
  });

  it('refuse a line added to an entry already in the books', async () => {
    const entry = await acc.services.journal.post({ identity: asAccountant } as ServiceContext, {
      date: '2025-08-01',
      description: 'final lines',
      lines: [line('1000', '3.00', null), line('8000', null, '3.00')],
    });
    await expect(
      acc.deps.db.transaction(async (em) => {
        await em.query(
          `INSERT INTO journal_line (entry_id, line_no, account_code, debit, credit)
           VALUES ($1, 3, '1000', 1, 0), ($1, 4, '8000', 0, 1)`,
          [entry.id],
        );
      }),
    ).rejects.toThrow(/lines are final/);
  });
});
