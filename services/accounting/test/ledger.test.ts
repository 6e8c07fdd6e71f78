import { type RunningSubgraph } from '@backoffice/kit';
import { type TestRun, callSubgraph, newTestRun, startTestSubgraph } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import type { AccountingServices } from '../src/services.js';
import {
  POST,
  asAccountant,
  asAnalyst,
  asController,
  asHr,
  line,
  ok,
  post,
  trialBalance,
} from './support.js';
import { journalExportScenarios } from './ledger/journal-export.js';
import { listingScenarios } from './ledger/listing.js';
import { postingScenarios } from './ledger/posting.js';

let run: TestRun;
let acc: RunningSubgraph<AccountingServices>;

beforeAll(async () => {
  run = newTestRun();
  acc = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

describe('chart of accounts', () => {
  it('installs the standard chart and adds accounts', async () => {
    const { accounts } = await ok(acc, '{ accounts { code name type active } }', {}, asAnalyst);
    const codes = accounts.map((a: { code: string }) => a.code);
    for (const c of [
      '1000',
      '1100',
      '1300',
      '1500',
      '2000',
      '2100',
      '2200',
      '2210',
      '2220',
      '3000',
      '4000',
      '4100',
      '8000',
    ])
      expect(codes).toContain(c);
    const created = await ok(
      acc,
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { code name type active parent { code } } }',
      { i: { code: '4510', name: 'Travel', type: 'EXPENSE', parentCode: '4500' } },
    );
    expect(created.createAccount).toEqual({
      code: '4510',
      name: 'Travel',
      type: 'EXPENSE',
      active: true,
      parent: { code: '4500' },
    });
    const again = await callSubgraph(
      acc.url,
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { code } }',
      { i: { code: '4510', name: 'Other', type: 'EXPENSE' } },
      asAccountant,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});

// The scenarios share one ledger and run in this order: the reports below read what posting left.
const ledger = () => acc;
postingScenarios(ledger);

listingScenarios(ledger);

describe('periods', () => {
  it('refuses postings into a closed period (in code and by trigger), and records a reopen with its reason', async () => {
    const accountantTry = await callSubgraph(
      acc.url,
      'mutation { closePeriod(period: "2025-05") }',
      {},
      asAccountant,
    );
    expect(accountantTry.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ok(acc, 'mutation { closePeriod(period: "2025-05") }', {}, asController)).closePeriod).toBe(
      true,
    );
    const r = await callSubgraph(
      acc.url,
      POST,
      {
        input: {
          date: '2025-05-15',
          description: 'late',
          lines: [line('1000', '1.00', null), line('8000', null, '1.00')],
        },
      },
      asAccountant,
    );
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    const raw = acc.deps.db.transaction(async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO journal_entry (date, description, currency, total, status, source, author, posted_at)
         VALUES ('2025-05-15', 'raw', 'EUR', 1, 'POSTED', 'MANUAL', 'x', now()) RETURNING id`,
      );
      await em.query(
        `INSERT INTO journal_line (entry_id, line_no, account_code, debit) VALUES ($1, 1, '1000', 1), ($1, 2, '8000', 0)`,
        [id],
      );
    });
    await expect(raw).rejects.toThrow(/closed/);
    const reopen = await ok(
      acc,
      'mutation { reopenPeriod(period: "2025-05", reason: "late supplier invoice") }',
      {},
      asController,
    );
    expect(reopen.reopenPeriod).toBe(true);
    await post(acc, '2025-05-15', [line('1000', '1.00', null), line('8000', null, '1.00')]);
    const periods = await ok(
      acc,
      '{ fiscalPeriods(year: 2025) { period status history { action reason } } }',
      {},
      asAnalyst,
    );
    const may = periods.fiscalPeriods.find((p: any) => p.period === '2025-05');
    expect(may.status).toBe('OPEN');
    expect(may.history).toEqual([
      { action: 'CLOSED', reason: null },
      { action: 'REOPENED', reason: 'late supplier invoice' },
    ]);
  });
});

describe('reports', () => {
  it('balances the trial balance, the balance sheet and the P&L', async () => {
    const tb = await trialBalance(acc, '2025-12-31');
    expect(tb.totalDebit).toBe(tb.totalCredit);
    expect(Number(tb.totalDebit)).toBeGreaterThan(0);
    const bank = tb.rows.find((r: any) => r.accountCode === '1100');
    expect(bank).toMatchObject({
      accountName: 'Bank',
      debit: '1300.00',
      credit: '300.00',
      balance: '1000.00',
    });
    const { balanceSheet, profitAndLoss, balanceByCostCenter } = await ok(
      acc,
      `{ balanceSheet(asOf: "2025-12-31") { balanced totalAssets totalLiabilitiesAndEquity currentResult }
         profitAndLoss(from: "2025-01-01", to: "2025-12-31") { totalRevenue totalExpenses netIncome }
         balanceByCostCenter(from: "2025-01-01", to: "2025-12-31") { costCenter accountCode balance } }`,
      {},
      asAnalyst,
    );
    expect(balanceSheet.balanced).toBe(true);
    expect(balanceSheet.totalAssets).toBe(balanceSheet.totalLiabilitiesAndEquity);
    expect(profitAndLoss).toEqual({ totalRevenue: '21.00', totalExpenses: '50.00', netIncome: '-29.00' });
    expect(balanceSheet.currentResult).toBe('-29.00');
    expect(balanceByCostCenter).toContainEqual({
      costCenter: 'BO-100',
      accountCode: '4500',
      balance: '50.00',
    });
    expect(balanceByCostCenter).toContainEqual({
      costCenter: 'FO-300',
      accountCode: '4500',
      balance: '0.00',
    });
  });

  it('lets analysts read but not post, and others nothing', async () => {
    const analystPost = await callSubgraph(
      acc.url,
      POST,
      {
        input: {
          date: '2025-06-01',
          description: 'x',
          lines: [line('1000', '1.00', null), line('8000', null, '1.00')],
        },
      },
      asAnalyst,
    );
    expect(analystPost.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const hr = await callSubgraph(acc.url, '{ trialBalance(asOf: "2025-12-31") { totalDebit } }', {}, asHr);
    expect(hr.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await callSubgraph(acc.url, '{ accounts { code } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

journalExportScenarios(ledger);
