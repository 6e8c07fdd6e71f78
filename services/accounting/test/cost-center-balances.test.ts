import type { RunningSubgraph, ServiceContext } from '@backoffice/kit';
import { type TestRun, callSubgraph, newTestRun, seededRandom, startTestSubgraph } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import type { AccountingServices } from '../src/services.js';
import {
  BALANCE_BY_COST_CENTER_FROM_EVERY_LINE,
  asAccountant,
  asAnalyst,
  asController,
  asHr,
  line,
  ok,
} from './support.js';

/**
 * balanceByCostCenter from the cost-center balances (kept by both commit triggers) against summing every
 * line of the range, over random histories: batched and single postings, rollbacks, four-eyes entries
 * approved and rejected, reversals, a closed period that refuses postings and approvals.
 */
let run: TestRun;
let acc: RunningSubgraph<AccountingServices>;

beforeAll(async () => {
  run = newTestRun();
  acc = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

const QUERY = `query($from: Date!, $to: Date!) { balanceByCostCenter(from: $from, to: $to) {
  costCenter accountCode accountName accountType debit credit balance } }`;

async function fromEveryLine(from: string, to: string) {
  const rows: any[] = await acc.deps.db.query(BALANCE_BY_COST_CENTER_FROM_EVERY_LINE, [from, to]);
  return rows.map((r) => ({
    costCenter: r.cost_center,
    accountCode: r.code,
    accountName: r.name,
    accountType: r.type,
    debit: r.debit,
    credit: r.credit,
    balance: r.balance,
  }));
}

const RANGES = [
  ['2025-01-01', '2025-12-31'],
  ['2025-01-15', '2025-02-27'],
  ['2025-02-01', '2025-02-28'],
  ['2025-01-31', '2025-03-01'],
  ['2025-03-01', '2026-01-01'],
  ['2025-02-14', '2025-02-14'],
  ['2026-01-02', '2026-12-31'],
  ['2024-01-01', '2099-12-31'],
];

async function expectSameAsEveryLine() {
  for (const [from, to] of RANGES)
    expect(await acc.services.reports.balanceByCostCenter(from, to), `${from}..${to}`).toEqual(
      await fromEveryLine(from, to),
    );
}

describe('cost-center balances (property)', () => {
  it('give balanceByCostCenter exactly as summing the lines, over any range, whatever was posted, rolled back, approved, rejected or reversed', async () => {
    const { random, pick } = seededRandom(26_2026);
    const accounts = ['1000', '1100', '1300', '2000', '3000', '4000', '4100', '4500', '8000'];
    const centers = [null, null, 'BO-100', 'FO-300', 'IT.7', 'x-1'];
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
    const { ledger, journal, periods } = acc.services;
    const fmt = (c: number) => (c / 100).toFixed(2);
    const draft = (i: number) => {
      const amounts = Array.from(
        { length: 1 + Math.floor(random() * 3) },
        () => 1 + Math.floor(random() * 12_000_00),
      );
      const total = amounts.reduce((a, b) => a + b, 0);
      return {
        date: pick(days),
        description: `random ${i}`,
        lines: [
          ...amounts.map((a) => line(pick(accounts), fmt(a), null, pick(centers) ?? undefined)),
          line(pick(accounts), null, fmt(total), pick(centers) ?? undefined),
        ],
      };
    };

    // February 2025 is closed from the start: postings into it are refused, batched or not.
    await periods.close({ identity: asController } as ServiceContext, '2025-02');
    const booked: { id: string; status: string; date: string }[] = [];
    let refused = 0;
    for (let k = 0; k < 240; k += 24) {
      const results = await Promise.allSettled(
        Array.from({ length: 24 }, (_, j) => {
          const i = k + j;
          const d = draft(i);
          // Half through the batcher (set-wise commit), half one by one, some of those rolled back.
          if (i % 2 === 0) return journal.post(ctx, d);
          return acc.deps.db.transaction(async (em) => {
            const entry = await ledger.book(em, { ...d, source: 'MANUAL' }, 'user-accountant', asAccountant);
            if (random() < 0.2) throw new Error('rolled back on purpose');
            return entry;
          });
        }),
      );
      for (const r of results)
        if (r.status === 'fulfilled') booked.push(r.value);
        else if (/period 2025-02 is closed/.test(String(r.reason?.message))) refused++;
    }
    expect(refused).toBeGreaterThan(5);
    await periods.reopen({ identity: asController } as ServiceContext, '2025-02', 'late invoices');
    const february = Array.from({ length: 16 }, (_, i) => ({ ...draft(1000 + i), date: '2025-02-14' }));
    booked.push(...(await Promise.all(february.map((d) => journal.post(ctx, d)))));

    // Above the threshold entries wait: approve half (one of them in a period closed meanwhile: refused
    // until it reopens), reject the rest.
    const pending = booked.filter((b) => b.status === 'PENDING_APPROVAL');
    expect(pending.length).toBeGreaterThan(10);
    const closedOne = pending.find((p) => p.date.startsWith('2025-12'));
    if (closedOne) {
      await periods.close({ identity: asController } as ServiceContext, '2025-12');
      const result = await acc.deps.db.transaction((em) =>
        ledger.postApproved(em, closedOne.id, asController.userId as string, null),
      );
      expect(result).toHaveProperty('refused');
      await periods.reopen({ identity: asController } as ServiceContext, '2025-12', 'approve the last one');
    }
    for (const [j, p] of pending.entries())
      await acc.deps.db.transaction(async (em) => {
        if (j % 2 === 0) {
          const result = await ledger.postApproved(em, p.id, asController.userId as string, null);
          expect(result).toHaveProperty('entry');
        } else await em.query(`UPDATE journal_entry SET status = 'REJECTED' WHERE id = $1`, [p.id]);
      });
    const posted = booked.filter((b) => b.status === 'POSTED');
    for (const p of posted.slice(0, 20)) await journal.reverse(ctx, p.id, '2026-01-01');

    const [{ n }] = await acc.deps.db.query('SELECT count(*)::int AS n FROM cost_center_day_balance');
    expect(n).toBeGreaterThan(50);
    await expectSameAsEveryLine();

    // The tables themselves equal what a rebuild from the lines gives.
    const tables = async () => ({
      months: await acc.deps.db.query('SELECT * FROM cost_center_month_balance ORDER BY 1, 2, 3'),
      days: await acc.deps.db.query('SELECT * FROM cost_center_day_balance ORDER BY 1, 2, 3'),
    });
    const kept = await tables();
    await acc.deps.db.query('SELECT account_month_balance_rebuild()');
    expect(await tables()).toEqual(kept);
  });

  it('answer through GraphQL what summing the lines answered, to the same roles', async () => {
    const { balanceByCostCenter } = await ok(acc, QUERY, { from: '2025-01-01', to: '2025-12-31' }, asAnalyst);
    expect(balanceByCostCenter.length).toBeGreaterThan(10);
    expect(balanceByCostCenter).toEqual(await fromEveryLine('2025-01-01', '2025-12-31'));
    for (const who of [asAccountant, asController])
      expect(
        (await ok(acc, QUERY, { from: '2025-01-01', to: '2025-12-31' }, who)).balanceByCostCenter,
      ).toEqual(balanceByCostCenter);
    const hr = await callSubgraph(acc.url, QUERY, { from: '2025-01-01', to: '2025-12-31' }, asHr);
    expect(hr.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('are filled from the lines already in the books when the migration runs (backfill)', async () => {
    const [last] = await acc.deps.db.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    expect(last.name).toBe('CostCenterBalances1766000200000');
    await acc.deps.db.undoLastMigration({ transaction: 'all' });
    const [{ exists }] = await acc.deps.db.query(
      `SELECT to_regclass('cost_center_day_balance') IS NOT NULL AS exists`,
    );
    expect(exists).toBe(false);
    // Postings while the tables are away, in one batch (no one-by-one fallback: the batch trigger must be
    // back to what it was) and alone, are in the books, and in the tables after.
    const away = (date: string, i: number) => ({
      date,
      description: `while the cost-center balances are away ${i}`,
      source: 'MANUAL' as const,
      lines: [
        line('1000', '7.00', null, 'AWAY-1'),
        line('8000', null, '7.00', i === 0 ? 'AWAY-2' : undefined),
      ],
    });
    await acc.deps.db.transaction((em) =>
      acc.services.ledger.bookPosted(
        em,
        ['2025-07-15', '2025-07-31'].map((date, i) => ({
          draft: away(date, i),
          author: 'user-accountant',
          actor: asAccountant,
        })),
      ),
    );
    await acc.deps.db.transaction((em) =>
      acc.services.ledger.book(em, away('2025-08-01', 2), 'user-accountant', asAccountant),
    );
    await acc.deps.db.runMigrations({ transaction: 'all' });
    await expectSameAsEveryLine();
    expect(
      (await acc.services.reports.balanceByCostCenter('2025-07-01', '2025-08-31')).filter((r) =>
        r.costCenter?.startsWith('AWAY'),
      ),
    ).toHaveLength(2);
  });
});
