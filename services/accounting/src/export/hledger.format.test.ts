import { describe, expect, it } from 'vitest';
import { accountName, amount, formatEntry } from './hledger.format.js';

describe('hledger journal format', () => {
  it('names accounts by type and name', () => {
    expect(accountName('ASSET', 'Bank')).toBe('Assets:Bank');
    expect(accountName('LIABILITY', 'Net  pay: payable')).toBe('Liabilities:Net pay payable');
    expect(accountName('REVENUE', 'Revenue')).toBe('Revenue:Revenue');
  });
  it('writes debits positive and credits negative with the commodity after the number', () => {
    expect(amount({ debit: '121.00', credit: '0.00' }, 'EUR')).toBe('121.00 EUR');
    expect(amount({ debit: '0.00', credit: '0.5' }, 'EUR')).toBe('-0.50 EUR');
  });
  it('formats a whole entry with its number, tags and cost centers', () => {
    const text = formatEntry({
      id: 'e1',
      number: '2026-000007',
      date: '2026-02-03',
      description: 'Invoice 42; Acme | rush\nline two',
      reference: 'INV-2026-00042',
      currency: 'EUR',
      lines: [
        {
          accountType: 'ASSET',
          accountName: 'Accounts receivable',
          accountCode: '1300',
          debit: '121.00',
          credit: '0.00',
          costCenter: null,
          description: null,
        },
        {
          accountType: 'REVENUE',
          accountName: 'Revenue',
          accountCode: '8000',
          debit: '0.00',
          credit: '100.00',
          costCenter: 'FO-300',
          description: 'Consulting',
        },
        {
          accountType: 'LIABILITY',
          accountName: 'VAT payable',
          accountCode: '2100',
          debit: '0.00',
          credit: '21.00',
          costCenter: null,
          description: null,
        },
      ],
    });
    expect(text).toBe(
      [
        '2026-02-03 * (2026-000007) Invoice 42, Acme , rush line two  ; entry: e1, reference: INV-2026-00042',
        '    Assets:Accounts receivable  121.00 EUR  ; code: 1300',
        '    Revenue:Revenue  -100.00 EUR  ; code: 8000, costCenter: FO-300, note: Consulting',
        '    Liabilities:VAT payable  -21.00 EUR  ; code: 2100',
        '',
        '',
      ].join('\n'),
    );
  });
});
