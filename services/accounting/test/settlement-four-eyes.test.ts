import type { RunningSubgraph } from '@backoffice/kit';
import { callSubgraph, eventually, newTestRun, startTestSubgraph, type TestRun } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import type { AccountingServices } from '../src/services.js';
import { approvals, decision } from './approvals.js';
import { asAccountant, asController, ok, trialBalance } from './support.js';

/**
 * A settlement posts without an approval of its own: it only moves money already in the books. These
 * try to use it to get around four eyes: settling with a payment (or against an invoice) that still
 * waits for its approval, or that was rejected.
 */
let run: TestRun;
let acc: RunningSubgraph<AccountingServices>;
beforeAll(async () => {
  run = newTestRun();
  acc = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

const { publish, requestOf, statusOf } = approvals(() => acc);

const INVOICE = `mutation($i: CreateInvoiceInput!) { createInvoice(input: $i) { id number journalEntry { id status } } }`;
const PAYMENT = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id journalEntry { id status } } }`;
const SETTLE = `mutation($p: ID!, $a: [SettlementAllocationInput!]!) {
  settle(paymentId: $p, allocations: $a, date: "2026-03-10") { id appliedAmount }
}`;

const invoice = async (counterparty: string, unitPrice: string) =>
  (
    await ok(acc, INVOICE, {
      i: {
        kind: 'CUSTOMER',
        counterparty,
        issueDate: '2026-03-01',
        dueDate: '2026-03-31',
        currency: 'EUR',
        lines: [{ description: 'Consulting', quantity: '1', unitPrice, vatRate: '0' }],
      },
    })
  ).createInvoice;
const payment = async (counterparty: string, amount: string) =>
  (
    await ok(acc, PAYMENT, {
      i: { kind: 'RECEIVED', counterparty, amount, currency: 'EUR', date: '2026-03-05' },
    })
  ).recordPayment;

/** Tries to settle; answers the error code, after checking nothing moved when it was refused. */
async function trySettle(paymentId: string, invoiceId: string, amount: string) {
  const before = await trialBalance(acc, '2026-12-31');
  const settlements = async () =>
    (
      await acc.deps.db.query('SELECT count(*)::int AS n FROM settlement WHERE payment_id = $1', [paymentId])
    )[0].n;
  const counted = await settlements();
  const result = await callSubgraph(
    acc.url,
    SETTLE,
    { p: paymentId, a: [{ invoiceId, amount }] },
    asAccountant,
  );
  const code = result.errors?.[0]?.extensions?.code as string | undefined;
  if (code) {
    expect(await trialBalance(acc, '2026-12-31')).toEqual(before);
    expect(await settlements()).toBe(counted);
  }
  return { code, message: result.errors?.[0]?.message, data: result.data };
}

async function approve(entryId: string) {
  await publish(decision(await requestOf(entryId), 'APPROVED', [asController.userId as string]));
  await eventually(
    () => statusOf(entryId),
    (s) => s.status === 'POSTED',
  );
}

describe('settlements under four eyes', () => {
  it('refuses a payment that waits for its approval, and applies it once it is posted', async () => {
    const open = await invoice('Big Customer BV', '20000.00');
    await approve(open.journalEntry.id);
    const paid = await payment('Big Customer BV', '20000.00');
    expect(paid.journalEntry.status).toBe('PENDING_APPROVAL');

    const refused = await trySettle(paid.id, open.id, '20000.00');
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/payment waits for approval/);

    await approve(paid.journalEntry.id);
    const settled = await trySettle(paid.id, open.id, '20000.00');
    expect(settled.code).toBeUndefined();
    expect(settled.data.settle.appliedAmount).toBe('20000.00');
  });

  it('refuses an invoice that waits for its approval, even with a posted payment', async () => {
    const pending = await invoice('Pending Customer BV', '12000.00');
    expect(pending.journalEntry.status).toBe('PENDING_APPROVAL');
    const paid = await payment('Pending Customer BV', '500.00');
    expect(paid.journalEntry.status).toBe('POSTED');
    const refused = await trySettle(paid.id, pending.id, '500.00');
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain(`invoice ${pending.number} waits for approval`);
  });

  it('refuses a payment whose booking was rejected', async () => {
    const open = await invoice('Rejected Customer BV', '300.00');
    const paid = await payment('Rejected Customer BV', '15000.00');
    await publish(
      decision(await requestOf(paid.journalEntry.id), 'REJECTED', [asController.userId as string]),
    );
    await eventually(
      () => statusOf(paid.journalEntry.id),
      (s) => s.status === 'REJECTED',
    );
    const refused = await trySettle(paid.id, open.id, '300.00');
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/payment is rejected/);
  });
});
