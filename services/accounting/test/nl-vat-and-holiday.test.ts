import { type CloudEvent, type RunningSubgraph, domainEvent } from '@backoffice/kit';
import { hr, type PayrollRunFinalizedData } from '@backoffice/events';
import {
  callSubgraph,
  eventually,
  newTestRun,
  publishSignedEvent,
  startTestSubgraph,
  type TestRun,
} from '@backoffice/testkit';
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
    createInvoice(input: $i) { id vatTotal total lines { vatCode vatRate vatAmount } journalEntry { lines { accountCode debit credit } } }
  }`;

const invoice = (
  kind: 'CUSTOMER' | 'SUPPLIER',
  issueDate: string,
  lines: { unitPrice: string; vatCode?: string; vatRate?: string }[],
  number?: string,
) => ({
  kind,
  counterparty: kind === 'CUSTOMER' ? 'Klant BV' : 'Leverancier BV',
  number,
  issueDate,
  dueDate: issueDate,
  currency: 'EUR',
  lines: lines.map((l, i) => ({ description: `line ${i + 1}`, quantity: '1', ...l })),
});

describe('the Dutch VAT return of a quarter', () => {
  it('adds up the boxes from the posted invoices, and 5g equals the VAT accounts in the ledger', async () => {
    const create = async (i: ReturnType<typeof invoice>) => (await ok(acc, INVOICE, { i })).createInvoice;
    // Q2 2026: sales at 21 %, 9 % and 0 %, a domestic reverse charge, an EU supply and an export.
    await create(
      invoice('CUSTOMER', '2026-04-10', [
        { unitPrice: '1000.00', vatCode: 'HIGH' },
        { unitPrice: '200.00', vatCode: 'LOW' },
      ]),
    );
    await create(
      invoice('CUSTOMER', '2026-05-05', [
        { unitPrice: '150.00', vatRate: '21' },
        { unitPrice: '80.00', vatCode: 'ZERO' },
      ]),
    );
    await create(invoice('CUSTOMER', '2026-05-20', [{ unitPrice: '500.00', vatCode: 'REVERSE_CHARGED' }]));
    await create(invoice('CUSTOMER', '2026-06-01', [{ unitPrice: '700.00', vatCode: 'EU_REVERSE_CHARGED' }]));
    await create(invoice('CUSTOMER', '2026-06-15', [{ unitPrice: '300.00', vatCode: 'NON_EU' }]));
    // Purchases: VAT charged at 21 %, and reverse-charged purchases we self-assess.
    await create(invoice('SUPPLIER', '2026-04-20', [{ unitPrice: '400.00', vatCode: 'HIGH' }], 'S-1'));
    const domestic = await create(
      invoice('SUPPLIER', '2026-05-12', [{ unitPrice: '100.00', vatCode: 'REVERSE_CHARGED' }], 'S-2'),
    );
    await create(
      invoice('SUPPLIER', '2026-06-03', [{ unitPrice: '1000.00', vatCode: 'EU_REVERSE_CHARGED' }], 'S-3'),
    );
    await create(invoice('SUPPLIER', '2026-06-25', [{ unitPrice: '50.00', vatCode: 'NON_EU' }], 'S-4'));
    // Outside the quarter: not in the return.
    await create(invoice('CUSTOMER', '2026-07-01', [{ unitPrice: '999.00', vatCode: 'HIGH' }]));

    // The reverse-charged purchase carries no VAT, and its self-assessed VAT is booked both ways.
    expect(domestic.vatTotal).toBe('0.00');
    expect(domestic.total).toBe('100.00');
    expect(domestic.journalEntry.lines).toEqual(
      expect.arrayContaining([
        { accountCode: '1500', debit: '21.00', credit: '0.00' },
        { accountCode: '2100', debit: '0.00', credit: '21.00' },
      ]),
    );

    const { vatReturn } = await ok(
      acc,
      '{ vatReturn(year: 2026, quarter: 2) { year quarter boxes { code turnover vat } } }',
      {},
      asAnalyst,
    );
    const box = Object.fromEntries(vatReturn.boxes.map((b: any) => [b.code, [b.turnover, b.vat]]));
    expect(box).toEqual({
      '1a': ['1150.00', '241.50'],
      '1b': ['200.00', '18.00'],
      '1c': ['0.00', '0.00'],
      '1d': ['0.00', '0.00'],
      '1e': ['580.00', '0.00'],
      '2a': ['100.00', '21.00'],
      '3a': ['300.00', '0.00'],
      '3b': ['700.00', '0.00'],
      '4a': ['50.00', '10.50'],
      '4b': ['1000.00', '210.00'],
      // 241.50 + 18.00 + 21.00 + 10.50 + 210.00
      '5a': ['0.00', '501.00'],
      // 84.00 charged by the supplier + 241.50 self-assessed
      '5b': ['400.00', '325.50'],
      '5c': ['0.00', '175.50'],
      '5g': ['0.00', '175.50'],
    });
    // Reproducible: asked again, the same return.
    const again = await ok(
      acc,
      '{ vatReturn(year: 2026, quarter: 2) { boxes { code turnover vat } } }',
      {},
      asAnalyst,
    );
    expect(again.vatReturn.boxes).toEqual(vatReturn.boxes);
    // From the ledger: VAT payable minus VAT receivable of the quarter is 5g (the July invoice aside).
    const tb = await trialBalance(acc, '2026-06-30');
    const balance = (code: string) => Number(tb.rows.find((r: any) => r.accountCode === code)?.balance ?? 0);
    expect(Math.abs(balance('2100')) - Math.abs(balance('1500'))).toBeCloseTo(175.5, 2);
  });

  it('refuses a VAT code with another rate', async () => {
    const res = await callSubgraph(
      acc.url,
      INVOICE,
      { i: invoice('CUSTOMER', '2026-04-11', [{ unitPrice: '10.00', vatCode: 'HIGH', vatRate: '9' }]) },
      asAccountant,
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/HIGH has rate 21/);
  });
});

describe('holiday allowance from hr', () => {
  it('books the reserve as an accrued liability and a payout against it', async () => {
    const payrollRunId = crypto.randomUUID();
    const data = {
      payrollRunId,
      period: '2026-05',
      bookingDate: '2026-05-31',
      currency: 'EUR',
      totals: {
        grossSalary: '3000.00',
        allowances: '744.50',
        pensionEmployee: '150.00',
        wageWithholding: '900.00',
        netPay: '2694.50',
      },
      costCenters: [
        {
          costCenter: 'NL-1',
          grossSalary: '3000.00',
          allowances: '744.50',
          pensionEmployee: '150.00',
          wageWithholding: '900.00',
          netPay: '2694.50',
          holidayAllowanceAccrued: '240.00',
          holidayAllowancePaid: '720.00',
        },
      ],
      finalizedBy: 'user-payroll',
    } as unknown as PayrollRunFinalizedData;
    const event: CloudEvent = domainEvent(hr.payrollRunFinalized, payrollRunId, data, {
      userId: 'user-payroll',
    });
    await publishSignedEvent(acc.deps.bus, event);
    const [entry] = await eventually<{ id: string }[]>(
      () =>
        acc.deps.db.query(`SELECT id FROM journal_entry WHERE source = 'PAYROLL' AND source_id = $1`, [
          payrollRunId,
        ]),
      (rows: unknown[]) => rows.length === 1,
    );
    const lines: { account_code: string; debit: string; credit: string }[] = await acc.deps.db.query(
      'SELECT account_code, debit::text, credit::text FROM journal_line WHERE entry_id = $1 ORDER BY line_no',
      [entry.id],
    );
    const of = (code: string) =>
      lines.filter((l) => l.account_code === code).map((l) => [Number(l.debit), Number(l.credit)]);
    expect(of('4150')).toEqual([[240, 0]]);
    expect(of('2230')).toEqual([
      [720, 0],
      [0, 240],
    ]);
    // Only the home-working and other allowances (744.50 - 720.00) are allowance expense.
    expect(of('4100')).toEqual([[24.5, 0]]);
  });
});
