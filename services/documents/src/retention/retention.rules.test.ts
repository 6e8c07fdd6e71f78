import { describe, expect, it } from 'vitest';
import { addYears, mayPurge, RETENTION_RULES, retentionUntil } from './retention.rules.js';

describe('retention rules', () => {
  it('keeps fiscal records 7 years after the end of their year (fiscale bewaarplicht)', () => {
    expect(retentionUntil('payslip', { uploadedOn: '2026-03-31' })).toBe('2033-12-31');
    expect(retentionUntil('invoice', { uploadedOn: '2026-01-15' })).toBe('2033-12-31');
    for (const type of [
      'ledger',
      'bank_statement',
      'receipt',
      'vat_return',
      'wage_tax_return',
      'annual_accounts',
    ])
      expect(retentionUntil(type, { uploadedOn: '2025-12-31' })).toBe('2032-12-31');
    expect(retentionUntil('real_estate_record', { uploadedOn: '2026-06-01' })).toBe('2036-12-31');
    for (const [type, rule] of Object.entries(RETENTION_RULES))
      if (rule.from === 'year_end') expect(rule.source, type).toMatch(/^https:\/\/wetten\.overheid\.nl\//);
  });

  it('keeps contracts 7 years and policies 10 years from upload', () => {
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
