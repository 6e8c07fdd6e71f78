import { type CloudEvent, type RunningSubgraph, domainEvent } from '@backoffice/kit';
import { accounting, hr, type PayrollRunFinalizedData } from '@backoffice/events';
import {
  callSubgraph,
  eventually,
  newTestRun,
  publishSignedEvent,
  startTestSubgraph,
  type TestRun,
  seededRandom,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import type { AccountingServices } from '../src/services.js';
import { POST, asAccountant, asAnalyst, line, ok, trialBalance } from './support.js';

let run: TestRun;
let acc: RunningSubgraph<AccountingServices>;

beforeAll(async () => {
  run = newTestRun();
  acc = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

/** Puts an event on the run's stream as its producer would; `msgID` lets a test bypass JetStream's dedup. */
async function publish(event: CloudEvent, msgID = event.id) {
  await publishSignedEvent(acc.deps.bus, event, { msgID });
}

const inboxHas = async (eventId: string) =>
  (await acc.deps.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length > 0;

describe('payroll booking', () => {
  const payroll = (payrollRunId: string, scale = 1): PayrollRunFinalizedData => {
    const m = (v: number) => (v * scale).toFixed(2);
    return {
      payrollRunId,
      period: '2026-01',
      bookingDate: '2026-01-31',
      currency: 'EUR',
      totals: {
        grossSalary: m(7000),
        allowances: m(100),
        pensionEmployee: m(350),
        wageWithholding: m(1500),
        netPay: m(5250),
      },
      costCenters: [
        {
          costCenter: 'BO-100',
          grossSalary: m(4000),
          allowances: m(100),
          pensionEmployee: m(200),
          wageWithholding: m(900),
          netPay: m(3000),
        },
        {
          costCenter: 'FO-300',
          grossSalary: m(3000),
          allowances: m(0),
          pensionEmployee: m(150),
          wageWithholding: m(600),
          netPay: m(2250),
        },
      ],
      finalizedBy: 'user-payroll',
    };
  };
  const finalized = (data: PayrollRunFinalizedData) =>
    domainEvent(hr.payrollRunFinalized, data.payrollRunId, data, { userId: 'user-payroll' });

  it('posts exactly one balanced entry per run, however often and under whatever id the event comes', async () => {
    const runId = crypto.randomUUID();
    const event = finalized(payroll(runId));
    await publish(event);
    await publish(event, `${event.id}-redelivered`); // the same event again, past JetStream's dedup
    const other = finalized(payroll(runId)); // another event id naming the same run
    await publish(other);
    await eventually(() => inboxHas(other.id), Boolean);
    expect(
      await acc.deps.db.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [event.id]),
    ).toEqual([{ n: 1 }]);
    const entries = await acc.deps.db.query(
      `SELECT id, status, author, total FROM journal_entry WHERE source = 'PAYROLL' AND source_id = $1`,
      [runId],
    );
    expect(entries).toHaveLength(1);
    // The finalizer is the author: they can never approve the booking of their own run.
    expect(entries[0]).toMatchObject({ status: 'POSTED', author: 'user-payroll', total: '7100.00' });
    const { journalEntry } = await ok(
      acc,
      'query($id: ID!) { journalEntry(id: $id) { lines { accountCode debit credit costCenter } } }',
      { id: entries[0].id },
      asAnalyst,
    );
    expect(journalEntry.lines).toEqual([
      { accountCode: '4000', debit: '4000.00', credit: '0.00', costCenter: 'BO-100' },
      { accountCode: '4100', debit: '100.00', credit: '0.00', costCenter: 'BO-100' },
      { accountCode: '4000', debit: '3000.00', credit: '0.00', costCenter: 'FO-300' },
      { accountCode: '2220', debit: '0.00', credit: '3000.00', costCenter: 'BO-100' },
      { accountCode: '2200', debit: '0.00', credit: '900.00', costCenter: 'BO-100' },
      { accountCode: '2210', debit: '0.00', credit: '200.00', costCenter: 'BO-100' },
      { accountCode: '2220', debit: '0.00', credit: '2250.00', costCenter: 'FO-300' },
      { accountCode: '2200', debit: '0.00', credit: '600.00', costCenter: 'FO-300' },
      { accountCode: '2210', debit: '0.00', credit: '150.00', costCenter: 'FO-300' },
    ]);
  });

  it('lets a payroll run above the threshold wait for approval, authored by its finalizer', async () => {
    const runId = crypto.randomUUID();
    const event = finalized(payroll(runId, 3)); // 21300.00
    await publish(event);
    await eventually(() => inboxHas(event.id), Boolean);
    const [entry] = await acc.deps.db.query(
      `SELECT id, status, author FROM journal_entry WHERE source_id = $1`,
      [runId],
    );
    expect(entry).toMatchObject({ status: 'PENDING_APPROVAL', author: 'user-payroll' });
    const [requested] = await acc.deps.db.query(
      `SELECT payload FROM outbox WHERE aggregate_id = $1 AND subject = $2`,
      [entry.id, accounting.journalEntryApprovalRequested.type],
    );
    // So compliance never lets the finalizer approve the booking of their own run.
    expect(requested.payload.data.authorUserId).toBe('user-payroll');
  });
});

describe('concurrent postings (property)', () => {
  it('refuses every unbalanced entry, posts every balanced one with gapless numbers, and the books still balance', async () => {
    const { random } = seededRandom(20260101);
    const cents = () => 1 + Math.floor(random() * 500_00);
    const accounts = ['1000', '1100', '4000', '4100', '4500', '8000', '2000', '3000'];
    const pick = () => accounts[Math.floor(random() * accounts.length)];
    const cases = Array.from({ length: 240 }, (_, i) => {
      const debits = Array.from({ length: 1 + Math.floor(random() * 3) }, cents);
      const total = debits.reduce((a, b) => a + b, 0);
      const balanced = random() < 0.65;
      // Unbalanced by a cent or by much more; either side.
      const skew = balanced ? 0 : (random() < 0.5 ? 1 : cents()) * (random() < 0.5 ? 1 : -1);
      const creditTotal = Math.max(1, total + skew);
      const fmt = (c: number) => (c / 100).toFixed(2);
      const lines = [
        ...debits.map((d) => line(pick(), fmt(d), null, random() < 0.5 ? 'CC-1' : undefined)),
        line(pick(), null, fmt(creditTotal)),
      ];
      return { i, balanced: creditTotal === total, lines };
    });
    const outcomes: { balanced: boolean; status?: string; code?: string; number?: string }[] = [];
    for (let k = 0; k < cases.length; k += 8) {
      const batch = cases.slice(k, k + 8);
      const results = await Promise.all(
        batch.map((c) =>
          callSubgraph(
            acc.url,
            POST,
            { input: { date: '2027-03-15', description: `random ${c.i}`, lines: c.lines } },
            asAccountant,
          ),
        ),
      );
      for (const [j, r] of results.entries()) {
        outcomes.push({
          balanced: batch[j].balanced,
          status: r.data?.postJournalEntry?.status,
          number: r.data?.postJournalEntry?.number,
          code: r.errors?.[0].extensions?.code,
        });
      }
    }
    const unbalanced = outcomes.filter((o) => !o.balanced);
    const balanced = outcomes.filter((o) => o.balanced);
    expect(unbalanced.length).toBeGreaterThan(40);
    expect(unbalanced.every((o) => o.code === 'BAD_USER_INPUT' && !o.status)).toBe(true);
    expect(balanced.every((o) => o.status === 'POSTED')).toBe(true);
    const numbers = balanced.map((o) => Number(o.number?.slice(5))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: balanced.length }, (_, i) => i + 1));
    const tb = await trialBalance(acc, '2027-12-31');
    expect(tb.totalDebit).toBe(tb.totalCredit);
    const [{ off }] = await acc.deps.db.query(
      `SELECT count(*)::int AS off FROM (SELECT entry_id FROM journal_line GROUP BY entry_id HAVING sum(debit) <> sum(credit)) x`,
    );
    expect(off).toBe(0);
  });
});
