import { describe, expect, it } from 'vitest';
import { checkLines, entryNumber, needsApproval, periodOf, reversedLines } from './journal.rules.js';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code: string }).code, field: (e as { field?: string }).field };
  }
  return undefined;
};

describe('checkLines (double entry)', () => {
  it('accepts a balanced entry and normalises amounts to cents', () => {
    const r = checkLines([
      { accountCode: '4500', debit: '100', costCenter: 'BO-100' },
      { accountCode: '1500', debit: '21.00' },
      { accountCode: '2000', credit: '121' },
    ]);
    expect(r.total).toBe('121.00');
    expect(r.lines.map((l) => [l.debit, l.credit])).toEqual([
      ['100.00', '0.00'],
      ['21.00', '0.00'],
      ['0.00', '121.00'],
    ]);
    expect(r.lines[0].costCenter).toBe('BO-100');
  });

  it('refuses an entry off by one cent, naming the lines', () => {
    const e = fieldOf(() =>
      checkLines([
        { accountCode: '1100', debit: '100.00' },
        { accountCode: '8000', credit: '99.99' },
      ]),
    );
    expect(e).toEqual({ code: 'BAD_USER_INPUT', field: 'lines' });
  });

  it('names the offending line and side', () => {
    const ok = { accountCode: '1100', debit: '10' };
    expect(
      fieldOf(() =>
        checkLines([
          ok,
          { accountCode: '8000', credit: '5' },
          { accountCode: '8000', debit: '1', credit: '1' },
        ]),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'lines[2].debit',
    });
    expect(fieldOf(() => checkLines([ok, { accountCode: '8000' }]))?.field).toBe('lines[1].debit');
    expect(fieldOf(() => checkLines([ok, { accountCode: '8000', credit: '-10' }]))?.field).toBe(
      'lines[1].credit',
    );
    expect(fieldOf(() => checkLines([ok, { accountCode: '8000', credit: '10.001' }]))?.field).toBe(
      'lines[1].credit',
    );
    expect(fieldOf(() => checkLines([ok, { accountCode: ' ', credit: '10' }]))?.field).toBe(
      'lines[1].accountCode',
    );
    expect(fieldOf(() => checkLines([ok]))?.field).toBe('lines');
  });

  it('keeps exact decimal arithmetic (0.1 + 0.2 = 0.3)', () => {
    const r = checkLines([
      { accountCode: '4500', debit: '0.10' },
      { accountCode: '4500', debit: '0.20' },
      { accountCode: '1000', credit: '0.30' },
    ]);
    expect(r.total).toBe('0.30');
  });
});

describe('four eyes, numbering, reversal, periods', () => {
  it('needs approval strictly above the threshold', () => {
    expect(needsApproval('10000.00', '10000')).toBe(false);
    expect(needsApproval('10000.01', '10000')).toBe(true);
  });
  it('numbers entries gaplessly per fiscal year', () => {
    expect(entryNumber(2026, 1)).toBe('2026-000001');
    expect(entryNumber(2026, 123456)).toBe('2026-123456');
  });
  it('swaps sides to reverse', () => {
    const r = reversedLines([
      { accountCode: '1100', debit: '5.00', credit: '0.00', costCenter: 'X', description: null },
      { accountCode: '8000', debit: '0.00', credit: '5.00', costCenter: null, description: null },
    ]);
    expect(r.map((l) => [l.debit, l.credit, l.costCenter])).toEqual([
      ['0.00', '5.00', 'X'],
      ['5.00', '0.00', null],
    ]);
  });
  it('finds the period of a date', () => {
    expect(periodOf('2026-03-31')).toBe('2026-03');
  });
});
