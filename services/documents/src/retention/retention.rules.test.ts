import { describe, expect, it } from 'vitest';
import { addYears, mayPurge, retentionUntil } from './retention.rules.js';

describe('retention rules', () => {
  it('keeps payslips, invoices and contracts 7 years and policies 10 years from upload', () => {
    expect(retentionUntil('payslip', { uploadedOn: '2026-03-31' })).toBe('2033-03-31');
    expect(retentionUntil('invoice', { uploadedOn: '2026-01-15' })).toBe('2033-01-15');
    expect(retentionUntil('contract', { uploadedOn: '2026-11-27' })).toBe('2033-11-27');
    expect(retentionUntil('policy', { uploadedOn: '2026-11-27' })).toBe('2036-11-27');
  });

  it('keeps personnel files 2 years after the owner leaves, and open-ended before', () => {
    expect(retentionUntil('personnel_file', { uploadedOn: '2020-01-01', ownerEndDate: null })).toBeNull();
    expect(retentionUntil('personnel_file', { uploadedOn: '2020-01-01', ownerEndDate: '2026-06-30' })).toBe(
      '2028-06-30',
    );
  });

  it('has no date for types without a rule', () => {
    expect(retentionUntil(null, { uploadedOn: '2026-01-01' })).toBeNull();
    expect(retentionUntil('memo', { uploadedOn: '2026-01-01' })).toBeNull();
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2024-02-29', 7)).toBe('2031-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('purges only past the date, and never under a legal hold', () => {
    expect(mayPurge('2026-11-26', '2026-11-27', false)).toBe(true);
    expect(mayPurge('2026-11-27', '2026-11-27', false)).toBe(false);
    expect(mayPurge('2020-01-01', '2026-11-27', true)).toBe(false);
    expect(mayPurge(null, '2026-11-27', false)).toBe(false);
  });
});
