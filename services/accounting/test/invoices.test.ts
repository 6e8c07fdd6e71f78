import type { RunningSubgraph } from '@backoffice/kit';
import { type TestRun, callSubgraph, newTestRun, startTestSubgraph } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import type { AccountingServices } from '../src/services.js';
import { asAccountant, asAnalyst, ok, trialBalance } from './support.js';

let run: TestRun;
let acc: RunningSubgraph<AccountingServices>;

beforeAll(async () => {
  run = newTestRun();
  acc = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

const INVOICE = /* GraphQL */ `
  mutation($i: CreateInvoiceInput!) {
    createInvoice(input: $i) {
      id number total vatTotal openAmount status
      journalEntry { status number lines { accountCode debit credit } }
    }
  }`;
const PAYMENT = /* GraphQL */ `
  mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id amount unappliedAmount journalEntry { lines { accountCode debit credit } } } }`;
const SETTLE = /* GraphQL */ `
  mutation($p: ID!, $a: [SettlementAllocationInput!]!, $d: Date) {
    settle(paymentId: $p, allocations: $a, date: $d) { id appliedAmount unappliedAmount settlements { amount invoice { number openAmount status } } }
  }`;

const customerInvoice = (
  counterparty: string,
  issueDate: string,
  dueDate: string,
  unitPrice: string,
  currency = 'EUR',
) => ({
  kind: 'CUSTOMER',
  counterparty,
  issueDate,
  dueDate,
  currency,
  ...(currency === 'EUR' ? {} : { exchangeRate: '0.9' }),
  lines: [{ description: 'Consulting', quantity: '10', unitPrice, vatRate: '21' }],
});

describe('invoices', () => {
  it('issues a customer invoice and books receivable against revenue and VAT payable', async () => {
    const { createInvoice } = await ok(acc, INVOICE, {
      i: customerInvoice('Acme BV', '2026-01-05', '2026-02-04', '100.00'),
    });
    expect(createInvoice).toMatchObject({
      number: 'INV-2026-00001',
      total: '1210.00',
      vatTotal: '210.00',
      status: 'OPEN',
    });
    expect(createInvoice.journalEntry.status).toBe('POSTED');
    expect(createInvoice.journalEntry.lines).toEqual([
      { accountCode: '1300', debit: '1210.00', credit: '0.00' },
      { accountCode: '8000', debit: '0.00', credit: '1000.00' },
      { accountCode: '2100', debit: '0.00', credit: '210.00' },
    ]);
  });

  it('books a supplier invoice against payable with its VAT receivable', async () => {
    const { createInvoice } = await ok(acc, INVOICE, {
      i: {
        kind: 'SUPPLIER',
        counterparty: 'Office Supplies Ltd',
        number: 'OS-77',
        issueDate: '2026-01-10',
        dueDate: '2026-01-31',
        currency: 'EUR',
        lines: [
          { description: 'Paper', quantity: '4', unitPrice: '12.50', vatRate: '21', accountCode: '4500' },
        ],
      },
    });
    expect(createInvoice.journalEntry.lines).toEqual([
      { accountCode: '2000', debit: '0.00', credit: '60.50' },
      { accountCode: '4500', debit: '50.00', credit: '0.00' },
      { accountCode: '1500', debit: '10.50', credit: '0.00' },
    ]);
  });
});

describe('payments and settlement', () => {
  it('settles partially, keeps an overpayment open on the payment, and refuses over-settling', async () => {
    const a = (await ok(acc, INVOICE, { i: customerInvoice('Bolt', '2026-02-01', '2026-03-01', '10.00') }))
      .createInvoice; // 121.00
    const b = (await ok(acc, INVOICE, { i: customerInvoice('Bolt', '2026-02-02', '2026-03-02', '20.00') }))
      .createInvoice; // 242.00
    const { recordPayment } = await ok(acc, PAYMENT, {
      i: {
        kind: 'RECEIVED',
        counterparty: 'Bolt',
        amount: '400.00',
        currency: 'EUR',
        date: '2026-02-10',
        reference: 'BANK-1',
      },
    });
    expect(recordPayment.journalEntry.lines).toEqual([
      { accountCode: '1100', debit: '400.00', credit: '0.00' },
      { accountCode: '2300', debit: '0.00', credit: '400.00' },
    ]);
    const tooMuchForInvoice = await callSubgraph(
      acc.url,
      SETTLE,
      { p: recordPayment.id, a: [{ invoiceId: a.id, amount: '121.01' }], d: '2026-02-10' },
      asAccountant,
    );
    expect(tooMuchForInvoice.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'allocations[0].amount',
    });
    const settled = await ok(acc, SETTLE, {
      p: recordPayment.id,
      a: [
        { invoiceId: a.id, amount: '121.00' },
        { invoiceId: b.id, amount: '200.00' },
      ],
      d: '2026-02-10',
    });
    expect(settled.settle.appliedAmount).toBe('321.00');
    expect(settled.settle.unappliedAmount).toBe('79.00');
    expect(settled.settle.settlements.map((s: any) => s.invoice.status)).toEqual([
      'SETTLED',
      'PARTIALLY_SETTLED',
    ]);
    const c = (await ok(acc, INVOICE, { i: customerInvoice('Bolt', '2026-02-03', '2026-03-03', '10.00') }))
      .createInvoice;
    const more = await callSubgraph(
      acc.url,
      SETTLE,
      { p: recordPayment.id, a: [{ invoiceId: c.id, amount: '80.00' }], d: '2026-02-10' },
      asAccountant,
    );
    expect(more.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'allocations' });
    const { openItems } = await ok(
      acc,
      '{ openItems(counterparty: "Bolt", kind: CUSTOMER) { openAmount invoice { id } } }',
      {},
      asAnalyst,
    );
    expect(openItems).toEqual([
      { openAmount: '42.00', invoice: { id: b.id } },
      { openAmount: '121.00', invoice: { id: c.id } },
    ]);
    const tb = await trialBalance(acc, '2026-12-31');
    expect(tb.totalDebit).toBe(tb.totalCredit);
    const unapplied = tb.rows.find((r: any) => r.accountCode === '2300');
    expect(unapplied.balance).toBe('-79.00');
  });

  it('refuses a currency mismatch between payment and invoice', async () => {
    const usd = (
      await ok(acc, INVOICE, { i: customerInvoice('Cargo Inc', '2026-03-01', '2026-03-31', '10.00', 'USD') })
    ).createInvoice;
    expect(usd.journalEntry.lines[0]).toEqual({ accountCode: '1300', debit: '108.90', credit: '0.00' });
    const { recordPayment } = await ok(acc, PAYMENT, {
      i: {
        kind: 'RECEIVED',
        counterparty: 'Cargo Inc',
        amount: '50.00',
        currency: 'EUR',
        date: '2026-03-05',
      },
    });
    const r = await callSubgraph(
      acc.url,
      SETTLE,
      { p: recordPayment.id, a: [{ invoiceId: usd.id, amount: '10.00' }] },
      asAccountant,
    );
    expect(r.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'allocations[0].invoiceId',
    });
    expect(r.errors?.[0].message).toMatch(/USD/);
  });

  it('ages open items by days past due', async () => {
    await ok(acc, INVOICE, { i: customerInvoice('Dune', '2026-01-01', '2026-01-15', '1.00') }); // 12.10, 106 days late on 05-01
    await ok(acc, INVOICE, { i: customerInvoice('Dune', '2026-04-01', '2026-04-20', '2.00') }); // 24.20, 11 days late
    await ok(acc, INVOICE, { i: customerInvoice('Dune', '2026-04-25', '2026-05-25', '3.00') }); // 36.30, not due
    const { agingReport } = await ok(
      acc,
      '{ agingReport(asOf: "2026-05-01", kind: CUSTOMER) { rows { counterparty notDue days0To30 days31To60 days61To90 over90 total } } }',
      {},
      asAnalyst,
    );
    expect(agingReport.rows.find((r: any) => r.counterparty === 'Dune')).toEqual({
      counterparty: 'Dune',
      notDue: '36.30',
      days0To30: '24.20',
      days31To60: '0.00',
      days61To90: '0.00',
      over90: '12.10',
      total: '72.60',
    });
  });
});

describe('VAT return', () => {
  it('reports the quarter from the posted invoices', async () => {
    const { vatReturn } = await ok(
      acc,
      '{ vatReturn(year: 2026, quarter: 1) { year quarter boxes { code turnover vat } } }',
      {},
      asAnalyst,
    );
    const box = (code: string) => vatReturn.boxes.find((b: { code: string }) => b.code === code);
    // Q1 customer invoices at 21 %: 1000 + 100 + 200 + 100 (Bolt c) + 90 (USD 100 at 0.9) + 10 (Dune) = 1500.00
    expect(box('1a')).toEqual({ code: '1a', turnover: '1500.00', vat: '315.00' });
    expect(box('5b')).toEqual({ code: '5b', turnover: '50.00', vat: '10.50' });
    expect(box('5g').vat).toBe('304.50');
  });
});
