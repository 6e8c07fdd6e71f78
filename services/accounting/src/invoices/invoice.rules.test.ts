import { describe, expect, it } from 'vitest';
import {
  type OpenInvoice,
  agingBucket,
  agingRows,
  checkAllocations,
  invoiceAmounts,
  toBase,
} from './invoice.rules.js';

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return {
      code: (e as { code: string }).code,
      field: (e as { field?: string }).field,
      message: (e as Error).message,
    };
  }
  return undefined;
};

describe('invoice amounts', () => {
  it('rounds net and VAT half-up per line', () => {
    // 3 x 33.335 = 100.005 -> 100.01; VAT 21 % of 100.01 = 21.0021 -> 21.00; 1 x 10 at 9 % = 0.90
    const r = invoiceAmounts([
      { description: 'Consulting', quantity: '3', unitPrice: '33.335', vatRate: '21' },
      { description: 'Book', quantity: '1', unitPrice: '10', vatRate: '9' },
    ]);
    expect(r.lines).toEqual([
      { net: '100.01', vat: '21.00' },
      { net: '10.00', vat: '0.90' },
    ]);
    expect([r.net, r.vat, r.total]).toEqual(['110.01', '21.90', '131.91']);
  });
  it('refuses a negative price and an impossible VAT rate', () => {
    expect(
      errorOf(() => invoiceAmounts([{ description: 'x', quantity: '1', unitPrice: '-1', vatRate: '21' }]))
        ?.field,
    ).toBe('lines[0].unitPrice');
    expect(
      errorOf(() => invoiceAmounts([{ description: 'x', quantity: '1', unitPrice: '1', vatRate: '121' }]))
        ?.field,
    ).toBe('lines[0].vatRate');
  });
  it('converts to the base currency at the document rate, to the cent', () => {
    expect(toBase('100.00', '0.92345')).toBe('92.35');
  });
});

describe('settlement allocation', () => {
  const invoices = new Map<string, OpenInvoice>([
    ['a', { id: 'a', kind: 'CUSTOMER', counterparty: 'Acme', currency: 'EUR', open: '100.00' }],
    ['b', { id: 'b', kind: 'CUSTOMER', counterparty: 'Acme', currency: 'EUR', open: '50.00' }],
    ['usd', { id: 'usd', kind: 'CUSTOMER', counterparty: 'Acme', currency: 'USD', open: '10.00' }],
    ['s', { id: 's', kind: 'SUPPLIER', counterparty: 'Acme', currency: 'EUR', open: '10.00' }],
  ]);
  const payment = { kind: 'RECEIVED' as const, counterparty: 'ACME', currency: 'EUR', unapplied: '200.00' };

  it('allows partial settlement and leaves the overpayment open on the payment', () => {
    expect(
      checkAllocations(
        payment,
        [
          { invoiceId: 'a', amount: '100' },
          { invoiceId: 'b', amount: '20' },
        ],
        invoices,
      ),
    ).toEqual({
      applied: '120.00',
      remaining: '80.00',
    });
  });
  it('refuses more than the invoice has open (also across two allocations to one invoice)', () => {
    expect(
      errorOf(() => checkAllocations(payment, [{ invoiceId: 'b', amount: '50.01' }], invoices))?.field,
    ).toBe('allocations[0].amount');
    expect(
      errorOf(() =>
        checkAllocations(
          payment,
          [
            { invoiceId: 'b', amount: '30' },
            { invoiceId: 'b', amount: '30' },
          ],
          invoices,
        ),
      )?.field,
    ).toBe('allocations[1].amount');
  });
  it('refuses more than the payment holds', () => {
    const small = { ...payment, unapplied: '120.00' };
    expect(
      errorOf(() =>
        checkAllocations(
          small,
          [
            { invoiceId: 'a', amount: '100' },
            { invoiceId: 'b', amount: '50' },
          ],
          invoices,
        ),
      )?.field,
    ).toBe('allocations');
  });
  it('refuses a currency mismatch, the wrong kind and an unknown invoice', () => {
    expect(
      errorOf(() => checkAllocations(payment, [{ invoiceId: 'usd', amount: '1' }], invoices))?.message,
    ).toMatch(/USD/);
    expect(errorOf(() => checkAllocations(payment, [{ invoiceId: 's', amount: '1' }], invoices))?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorOf(() => checkAllocations(payment, [{ invoiceId: 'zz', amount: '1' }], invoices))?.field,
    ).toBe('allocations[0].invoiceId');
  });
});

describe('aging', () => {
  it('puts days past due into buckets (due today = 0 days)', () => {
    const asOf = '2026-06-30';
    expect(agingBucket('2026-07-01', asOf)).toBe('NOT_DUE');
    expect(agingBucket('2026-06-30', asOf)).toBe('DAYS_0_30');
    expect(agingBucket('2026-05-31', asOf)).toBe('DAYS_0_30'); // 30 days
    expect(agingBucket('2026-05-30', asOf)).toBe('DAYS_31_60'); // 31
    expect(agingBucket('2026-05-01', asOf)).toBe('DAYS_31_60'); // 60
    expect(agingBucket('2026-04-30', asOf)).toBe('DAYS_61_90'); // 61
    expect(agingBucket('2026-04-01', asOf)).toBe('DAYS_61_90'); // 90
    expect(agingBucket('2026-03-31', asOf)).toBe('OVER_90'); // 91
  });
  it('sums open items per counterparty and currency', () => {
    const rows = agingRows(
      [
        { counterparty: 'Acme', kind: 'CUSTOMER', currency: 'EUR', dueDate: '2026-06-20', open: '100.00' },
        { counterparty: 'Acme', kind: 'CUSTOMER', currency: 'EUR', dueDate: '2026-01-01', open: '40.50' },
        { counterparty: 'Acme', kind: 'CUSTOMER', currency: 'EUR', dueDate: '2026-07-20', open: '9.50' },
        { counterparty: 'Bolt', kind: 'CUSTOMER', currency: 'EUR', dueDate: '2026-06-20', open: '0.00' },
      ],
      '2026-06-30',
    );
    expect(rows).toEqual([
      {
        counterparty: 'Acme',
        kind: 'CUSTOMER',
        currency: 'EUR',
        notDue: '9.50',
        days0To30: '100.00',
        days31To60: '0.00',
        days61To90: '0.00',
        over90: '40.50',
        total: '150.00',
      },
    ]);
  });
});
