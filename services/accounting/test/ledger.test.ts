import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Identity, type RunningSubgraph, type ServiceContext, parseCloudEvent } from '@backoffice/kit';
import {
  type TestRun,
  callSubgraph,
  newTestRun,
  signedForRoute,
  startTestSubgraph,
} from '@backoffice/kit/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import { PostingBatcher } from '../src/journal/posting-batcher.js';
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

describe('posting', () => {
  it('posts a balanced entry with a gapless number and records journal_entry.posted', async () => {
    const e1 = await post(
      acc,
      '2025-03-10',
      [line('1100', '1000.00', null), line('3000', null, '1000.00')],
      'Capital paid in',
    );
    const e2 = await post(acc, '2025-03-11', [
      line('4500', '50.00', null, 'BO-100'),
      line('1000', null, '50.00'),
    ]);
    expect(e1.status).toBe('POSTED');
    expect(e1.number).toBe('2025-000001');
    expect(e2.number).toBe('2025-000002');
    expect(e2.lines[0]).toEqual({
      accountCode: '4500',
      debit: '50.00',
      credit: '0.00',
      costCenter: 'BO-100',
    });
    const [row] = await acc.deps.db.query('SELECT payload FROM outbox WHERE aggregate_id = $1', [e1.id]);
    const event = parseCloudEvent(JSON.stringify(row.payload));
    expect(event.type).toBe('backoffice.accounting.journal_entry.posted');
    expect(event.actor).toBe(asAccountant.userId);
    // Recorded before the commit gave the number, completed by it.
    expect((event.data as { number: string }).number).toBe('2025-000001');
  });

  it('numbers at commit from the counter only: concurrent postings that roll back burn no number', async () => {
    const { ledger } = acc.services;
    const lines = [line('1000', '12.34', null), line('8000', null, '12.34')];
    const draft = (i: number) => ({
      date: '2028-06-30',
      description: `gapless ${i}`,
      lines,
      source: 'MANUAL' as const,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        acc.deps.db.transaction(async (em) => {
          const entry = await ledger.book(em, draft(i), 'user-accountant', asAccountant);
          // A third fail in the caller after booking, a third at commit (the entry no longer balances).
          if (i % 3 === 0) throw new Error('the caller failed after booking');
          if (i % 3 === 1)
            await em.query(
              `INSERT INTO journal_line (entry_id, line_no, account_code, debit) VALUES ($1, 99, '1000', 1)`,
              [entry.id],
            );
          return entry.id;
        }),
      ),
    );
    const committed = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(committed).toHaveLength(20);
    const rejected = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(rejected.filter((r) => /does not balance/.test(r))).toHaveLength(20);
    const rows: { number: string; event_number: string }[] = await acc.deps.db.query(
      `SELECT e.number, o.payload->'data'->>'number' AS event_number
         FROM journal_entry e JOIN outbox o ON o.aggregate_id = e.id::text
        WHERE e.date = '2028-06-30' ORDER BY e.number`,
    );
    expect(rows.map((r) => r.number)).toEqual(
      Array.from({ length: 20 }, (_, i) => `2028-${String(i + 1).padStart(6, '0')}`),
    );
    expect(rows.every((r) => r.event_number === r.number)).toBe(true);
    expect(await acc.deps.db.query('SELECT last_number FROM fiscal_year_counter WHERE year = 2028')).toEqual([
      { last_number: 20 },
    ]);

    // Nobody else gives or changes a number.
    await expect(
      acc.deps.db.query(
        `INSERT INTO journal_entry (number, date, description, currency, total, status, source, author, posted_at)
         VALUES ('2028-000021', '2028-06-30', 'own number', 'EUR', 1, 'POSTED', 'MANUAL', 'x', now())`,
      ),
    ).rejects.toThrow(/fiscal year counter/);
    await expect(
      acc.deps.db.query(`UPDATE journal_entry SET number = '2028-000099' WHERE number = '2028-000001'`),
    ).rejects.toThrow(/cannot become/);
  });

  it('numbers entries posted in shared commits gaplessly, and a refused entry fails only its own caller', async () => {
    const db = acc.deps.db;
    // Batches of at most 8, two under way at a time, so the 60 postings below, all queued at once, fall
    // into known batches: 0 and 1 alone (nothing was under way), then 2..9, 10..17, ..., 58..59.
    const batcher = new PostingBatcher(db, acc.services.ledger, { maxBatch: 8, maxBatchesUnderWay: 2 });
    await acc.services.periods.close({ identity: asController } as ServiceContext, '2029-02');
    // Refusals only the database sees: an unknown account, a closed period.
    const unknownAccount = new Set([10, 20, 30, 50]);
    const closedPeriod = new Set([11, 40]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        batcher.post(
          {
            date: closedPeriod.has(i) ? '2029-02-10' : '2029-03-10',
            description: `group commit ${i}`,
            lines: [line(unknownAccount.has(i) ? 'NOPE1' : '1000', '5.00', null), line('8000', null, '5.00')],
            source: 'MANUAL',
          },
          'user-accountant',
          asAccountant,
        ),
      ),
    );
    outcomes.forEach((o, i) => {
      if (unknownAccount.has(i) || closedPeriod.has(i)) {
        expect(o.status).toBe('rejected');
        const reason = (o as PromiseRejectedResult).reason;
        expect(reason.code).toBe('BAD_USER_INPUT');
        expect(reason.field).toBe(unknownAccount.has(i) ? 'lines[0].accountCode' : 'date');
      } else {
        expect(o.status).toBe('fulfilled');
        expect((o as PromiseFulfilledResult<{ description: string }>).value.description).toBe(
          `group commit ${i}`,
        );
      }
    });
    const posted = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(posted).toHaveLength(54);
    // Each caller got its own entry, with the number it has in the books.
    const rows: {
      id: string;
      number: string;
      description: string;
      event_number: string;
      tx: string;
      n: number;
    }[] = await db.query(
      `SELECT e.id, e.number, e.description, o.payload->'data'->>'number' AS event_number, e.xmin::text AS tx,
                substring(e.description from '\\d+$')::int AS n
           FROM journal_entry e JOIN outbox o ON o.aggregate_id = e.id::text
          WHERE e.date >= '2029-01-01' AND e.date < '2030-01-01'
            AND o.subject = 'backoffice.accounting.journal_entry.posted'
          ORDER BY e.number`,
    );
    expect(rows.map((r) => r.number)).toEqual(
      Array.from({ length: 54 }, (_, i) => `2029-${String(i + 1).padStart(6, '0')}`),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const entry of posted) {
      expect(byId.get(entry.id)).toMatchObject({
        number: entry.number,
        event_number: entry.number,
        description: entry.description,
      });
    }
    expect(await db.query('SELECT last_number FROM fiscal_year_counter WHERE year = 2029')).toEqual([
      { last_number: 54 },
    ]);
    // Whole batches shared one transaction; a batch with a refusal was posted one entry at a time.
    const txOf = (from: number, to: number) =>
      new Set(rows.filter((r) => r.n >= from && r.n <= to).map((r) => r.tx));
    expect(txOf(2, 9).size).toBe(1);
    expect(txOf(42, 49).size).toBe(1);
    expect(txOf(10, 17).size).toBe(6);
  });

  it('refuses unbalanced, two-sided, empty, negative lines and unknown or inactive accounts, naming the field', async () => {
    await ok(acc, 'mutation { setAccountActive(code: "4510", active: false) { active } }');
    const before = await acc.deps.db.query('SELECT count(*)::int AS n FROM journal_entry');
    const cases: [unknown[], string][] = [
      [[line('1100', '10.00', null), line('8000', null, '9.99')], 'lines'],
      [
        [line('1100', '10.00', null), line('8000', null, '5.00'), line('8000', '5.00', '10.00')],
        'lines[2].debit',
      ],
      [[line('1100', '10.00', null), line('8000', null, null)], 'lines[1].debit'],
      [[line('1100', '10.00', null), line('8000', null, '-10.00')], 'lines[1].credit'],
      [[line('1100', '10.00', null), line('9999', null, '10.00')], 'lines[1].accountCode'],
      [[line('4510', '10.00', null), line('1000', null, '10.00')], 'lines[0].accountCode'],
    ];
    for (const [lines, field] of cases) {
      const r = await callSubgraph(
        acc.url,
        POST,
        { input: { date: '2025-03-12', description: 'x', lines } },
        asAccountant,
      );
      expect(r.errors?.[0].extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].extensions?.field).toBe(field);
    }
    const after = await acc.deps.db.query('SELECT count(*)::int AS n FROM journal_entry');
    expect(after[0].n).toBe(before[0].n);
  });

  it('keeps posted lines and entries immutable in the database itself', async () => {
    const e = await post(acc, '2025-03-12', [line('1000', '20.00', null), line('8000', null, '20.00')]);
    await expect(
      acc.deps.db.query('UPDATE journal_line SET debit = 25 WHERE entry_id = $1 AND line_no = 1', [e.id]),
    ).rejects.toThrow(/immutable/);
    await expect(acc.deps.db.query('DELETE FROM journal_line WHERE entry_id = $1', [e.id])).rejects.toThrow(
      /immutable/,
    );
    await expect(
      acc.deps.db.query(`UPDATE journal_entry SET description = 'changed' WHERE id = $1`, [e.id]),
    ).rejects.toThrow(/immutable/);
    await expect(acc.deps.db.query('DELETE FROM journal_entry WHERE id = $1', [e.id])).rejects.toThrow(
      /never deleted/,
    );
  });

  it('enforces the balance at commit even when code is bypassed', async () => {
    const attempt = acc.deps.db.transaction(async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO journal_entry (date, description, currency, total, status, source, author, posted_at)
         VALUES ('2025-03-13', 'sneaky', 'EUR', 10, 'POSTED', 'MANUAL', 'x', now()) RETURNING id`,
      );
      await em.query(
        `INSERT INTO journal_line (entry_id, line_no, account_code, debit) VALUES ($1, 1, '1000', 10)`,
        [id],
      );
      await em.query(
        `INSERT INTO journal_line (entry_id, line_no, account_code, credit) VALUES ($1, 2, '8000', 9.99)`,
        [id],
      );
    });
    await expect(attempt).rejects.toThrow(/does not balance/);
  });

  it('reverses an entry once, linked to the original', async () => {
    const e = await post(acc, '2025-04-01', [
      line('4500', '300.00', null, 'FO-300'),
      line('1100', null, '300.00'),
    ]);
    const r = await ok(
      acc,
      'mutation($id: ID!) { reverseJournalEntry(id: $id, date: "2025-04-02") { id number status reversalOf { id status } lines { accountCode debit credit costCenter } } }',
      { id: e.id },
    );
    const reversal = r.reverseJournalEntry;
    expect(reversal.status).toBe('POSTED');
    expect(reversal.number).toMatch(/^2025-\d{6}$/);
    const [reversed] = await acc.deps.db.query(
      `SELECT payload->'data' AS data FROM outbox WHERE aggregate_id = $1 AND subject LIKE '%.journal_entry.reversed'`,
      [e.id],
    );
    expect(reversed.data).toMatchObject({ reversalId: reversal.id, reversalNumber: reversal.number });
    expect(reversal.reversalOf).toEqual({ id: e.id, status: 'REVERSED' });
    expect(reversal.lines[0]).toEqual({
      accountCode: '4500',
      debit: '0.00',
      credit: '300.00',
      costCenter: 'FO-300',
    });
    const twice = await callSubgraph(
      acc.url,
      'mutation($id: ID!) { reverseJournalEntry(id: $id, date: "2025-04-03") { id } }',
      { id: e.id },
      asAccountant,
    );
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
    const gl = await ok(
      acc,
      `{ generalLedger(accountCode: "4500", from: "2025-04-01", to: "2025-04-30") { openingBalance closingBalance totalCount
         edges { node { number debit credit runningBalance } } } }`,
      {},
      asAnalyst,
    );
    expect(gl.generalLedger.totalCount).toBe(2);
    expect(gl.generalLedger.edges.map((x: any) => x.node.runningBalance)).toEqual(['350.00', '50.00']);
    expect(gl.generalLedger.openingBalance).toBe('50.00');
  });
});

describe('listing and idempotency', () => {
  it('pages journal entries newest first and filters by account and status', async () => {
    const LIST = `query($f: JournalEntryFilter, $after: String) {
      journalEntries(filter: $f, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { number date } } } }`;
    const all = await ok(
      acc,
      LIST,
      { f: { from: '2025-01-01', to: '2025-12-31', status: 'POSTED' } },
      asAnalyst,
    );
    expect(all.journalEntries.pageInfo.hasNextPage).toBe(true);
    const dates = all.journalEntries.edges.map((e: any) => e.node.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    const next = await ok(
      acc,
      LIST,
      {
        f: { from: '2025-01-01', to: '2025-12-31', status: 'POSTED' },
        after: all.journalEntries.pageInfo.endCursor,
      },
      asAnalyst,
    );
    const seen = new Set(
      [...all.journalEntries.edges, ...next.journalEntries.edges].map((e: any) => e.node.number),
    );
    expect(seen.size).toBe(all.journalEntries.edges.length + next.journalEntries.edges.length);
    const bank = await ok(acc, LIST, { f: { accountCode: '3000' } }, asAnalyst);
    expect(bank.journalEntries.edges.map((e: any) => e.node.number)).toEqual(['2025-000001']);
  });

  it('answers a repeated postJournalEntry with the same Idempotency-Key once', async () => {
    const input = {
      date: '2025-06-02',
      description: 'Idempotent',
      lines: [line('1000', '3.00', null), line('8000', null, '3.00')],
    };
    const headers = { 'idempotency-key': 'post-once-1' };
    const first = await callSubgraph(acc.url, POST, { input }, asAccountant, headers);
    const second = await callSubgraph(acc.url, POST, { input }, asAccountant, headers);
    expect(second.data.postJournalEntry.id).toBe(first.data.postJournalEntry.id);
    const [{ n }] = await acc.deps.db.query(
      `SELECT count(*)::int AS n FROM journal_entry WHERE description = 'Idempotent'`,
    );
    expect(n).toBe(1);
    // Reverse the test entry so the report totals below stay as they are.
    await ok(acc, 'mutation($id: ID!) { reverseJournalEntry(id: $id, date: "2025-06-02") { id } }', {
      id: first.data.postJournalEntry.id,
    });
  });

  it('marks the Idempotency-Key of every posting that shared a commit as committed', async () => {
    const input = (i: number) => ({
      date: '2030-04-01',
      description: `Shared commit ${i}`,
      lines: [line('1000', '4.00', null), line('8000', null, '4.00')],
    });
    const keys = Array.from({ length: 12 }, (_, i) => `shared-commit-${i}`);
    // The year's counter held elsewhere keeps the first two batches waiting at commit, so all 12
    // postings are queued or in those batches before any commits: at most three commits for 12 requests.
    const db = acc.deps.db;
    await db.query(
      'INSERT INTO fiscal_year_counter (year, last_number) VALUES (2030, 0) ON CONFLICT DO NOTHING',
    );
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT 1 FROM fiscal_year_counter WHERE year = 2030 FOR UPDATE');
    const requests = keys.map((key, i) =>
      callSubgraph(acc.url, POST, { input: input(i) }, asAccountant, { 'idempotency-key': key }),
    );
    try {
      for (let tries = 0; acc.services.journal.postings.waiting < 12; tries++) {
        if (tries > 400) throw new Error(`only ${acc.services.journal.postings.waiting} postings queued`);
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    const first = await Promise.all(requests);
    for (const r of first) expect(r.errors).toBeUndefined();
    const claims: { key: string; committed: boolean; answered: boolean }[] = await acc.deps.db.query(
      `SELECT key, committed_at IS NOT NULL AS committed, response IS NOT NULL AS answered
         FROM idempotency_key WHERE caller = $1 AND key = ANY($2) ORDER BY key`,
      [asAccountant.userId, keys],
    );
    expect(claims).toHaveLength(12);
    expect(claims.every((c) => c.committed && c.answered)).toBe(true);
    const again = await callSubgraph(acc.url, POST, { input: input(3) }, asAccountant, {
      'idempotency-key': keys[3],
    });
    expect(again.data.postJournalEntry.id).toBe(first[3].data.postJournalEntry.id);
    const [{ n }] = await acc.deps.db.query(
      `SELECT count(*)::int AS n FROM journal_entry WHERE description LIKE 'Shared commit %'`,
    );
    expect(n).toBe(12);
    const [{ commits }] = await db.query(
      `SELECT count(DISTINCT xmin::text)::int AS commits FROM journal_entry WHERE description LIKE 'Shared commit %'`,
    );
    expect(commits).toBeLessThanOrEqual(3);
  });
});

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

describe('journal export', () => {
  const exportUrl = (from: string, to: string) =>
    acc.url.replace('/graphql', `/exports/journal?from=${from}&to=${to}`);
  const headers = (who: Identity, url: string) => signedForRoute(url, who);

  it('answers 401 without identity and 403 for the wrong role', async () => {
    expect((await fetch(exportUrl('2025-01-01', '2025-12-31'))).status).toBe(401);
    const year = exportUrl('2025-01-01', '2025-12-31');
    const forbidden = await fetch(year, { headers: await headers(asHr, year) });
    expect(forbidden.status).toBe(403);
    const badUrl = exportUrl('2025-13-01', '2025-12-31');
    const bad = await fetch(badUrl, { headers: await headers(asAnalyst, badUrl) });
    expect(bad.status).toBe(400);
  });

  it('streams posted entries as a plain-text journal', async () => {
    const year = exportUrl('2025-01-01', '2025-12-31');
    const res = await fetch(year, { headers: await headers(asAnalyst, year) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toContain('2025-03-10 * (2025-000001) Capital paid in');
    expect(text).toContain('    Assets:Bank  1000.00 EUR  ; code: 1100');
    expect(text).toContain('costCenter: BO-100');
    expect(text).not.toContain('sneaky');
  });

  const hledger = (() => {
    try {
      execFileSync('hledger', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!hledger)(
    'is read by hledger as is, and balances (skipped when hledger is not installed: apt-get install -y hledger)',
    async () => {
      const year = exportUrl('2025-01-01', '2025-12-31');
      const res = await fetch(year, { headers: await headers(asAccountant, year) });
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journal-')), 'export.journal');
      fs.writeFileSync(file, await res.text());
      const out = execFileSync('hledger', ['-f', file, 'balance', '--flat', '--no-elide'], {
        encoding: 'utf8',
      });
      // The grand total of every balanced journal is zero.
      const total = out.trim().split('\n').at(-1)?.trim();
      expect(total).toBe('0');
      expect(out).toMatch(/1000\.00 EUR\s+Assets:Bank/);
      const byTag = execFileSync('hledger', ['-f', file, 'balance', 'tag:costCenter=BO-100'], {
        encoding: 'utf8',
      });
      expect(byTag).toContain('Expenses:General expenses');
    },
  );
});
