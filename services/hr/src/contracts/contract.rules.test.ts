import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import {
  applyContractChange,
  type ContractVersion,
  contractOn,
  endContract,
  validateContractVersions,
} from './contract.rules.js';

const v = (overrides: Partial<ContractVersion> = {}): ContractVersion => ({
  monthlySalary: '3000.00',
  currency: 'EUR',
  fte: 1,
  weeklyHours: 40,
  startDate: '2024-01-01',
  endDate: null,
  ...overrides,
});

function ruleError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('validateContractVersions', () => {
  it('accepts a history with a gap and returns it sorted', () => {
    const later = v({ startDate: '2025-01-01', monthlySalary: '3600.00' });
    const earlier = v({ endDate: '2024-06-30' });
    expect(validateContractVersions([later, earlier])).toEqual([earlier, later]);
    expect(validateContractVersions([])).toEqual([]);
  });

  it('refuses overlapping versions as CONFLICT', () => {
    const e = ruleError(() => validateContractVersions([v(), v({ startDate: '2024-06-01' })]));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/overlap/);
    expect(e.field).toBe('contracts[1].startDate');
    // A version ending the day another starts still overlaps by that one day.
    expect(() =>
      validateContractVersions([v({ endDate: '2024-06-01' }), v({ startDate: '2024-06-01' })]),
    ).toThrow(/overlap/);
  });

  it('refuses an end before the start, a non-positive salary and an FTE outside (0, 1]', () => {
    expect(ruleError(() => validateContractVersions([v({ endDate: '2023-12-31' })])).field).toBe(
      'contracts[0].endDate',
    );
    expect(ruleError(() => validateContractVersions([v({ monthlySalary: '0' })])).field).toBe(
      'contracts[0].monthlySalary',
    );
    expect(ruleError(() => validateContractVersions([v({ monthlySalary: '-10' })])).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(ruleError(() => validateContractVersions([v({ fte: 0 })])).field).toBe('contracts[0].fte');
    expect(ruleError(() => validateContractVersions([v({ fte: '1.2' })])).field).toBe('contracts[0].fte');
    expect(ruleError(() => validateContractVersions([v({ currency: 'euro' })])).field).toBe(
      'contracts[0].currency',
    );
    expect(ruleError(() => validateContractVersions([v({ weeklyHours: 0 })])).field).toBe(
      'contracts[0].weeklyHours',
    );
    expect(validateContractVersions([v({ fte: '0.5', weeklyHours: null })])).toHaveLength(1);
  });

  it('refuses a salary given as a float', () => {
    const bad = { ...v(), monthlySalary: 3000.5 } as unknown as ContractVersion;
    expect(ruleError(() => validateContractVersions([bad])).message).toMatch(/decimal string/);
  });
});

describe('contractOn', () => {
  const versions = [v({ endDate: '2024-06-10' }), v({ startDate: '2024-06-11', monthlySalary: '3600.00' })];
  it('finds the version in force, inclusive of both ends', () => {
    expect(contractOn(versions, '2024-06-10')?.monthlySalary).toBe('3000.00');
    expect(contractOn(versions, '2024-06-11')?.monthlySalary).toBe('3600.00');
    expect(contractOn(versions, '2030-01-01')?.monthlySalary).toBe('3600.00');
    expect(contractOn(versions, '2023-12-31')).toBeNull();
  });
});

describe('applyContractChange', () => {
  it('a raise closes the version in force the day before and starts a new one', () => {
    const before = [{ ...v(), id: 'c1' }];
    const after = applyContractChange(before, { startDate: '2024-06-11', monthlySalary: '3600.00' });
    expect(after).toEqual([
      { ...v(), id: 'c1', endDate: '2024-06-10' },
      { ...v(), startDate: '2024-06-11', monthlySalary: '3600.00' },
    ]);
    expect(before[0].endDate).toBeNull(); // the input is untouched
  });

  it('the new version keeps the old end (a scheduled termination)', () => {
    const after = applyContractChange([v({ endDate: '2024-12-31' })], {
      startDate: '2024-07-01',
      fte: '0.8',
    });
    expect(after[1]).toMatchObject({
      startDate: '2024-07-01',
      endDate: '2024-12-31',
      fte: '0.8',
      monthlySalary: '3000.00',
    });
    expect(after[0].endDate).toBe('2024-06-30');
  });

  it('a change inside an earlier version ends the day before the next planned version', () => {
    const planned = [v({ endDate: '2024-08-31' }), v({ startDate: '2024-09-01', monthlySalary: '4000.00' })];
    const after = applyContractChange(planned, { startDate: '2024-05-01', monthlySalary: '3500.00' });
    expect(after.map((c) => [c.startDate, c.endDate, c.monthlySalary])).toEqual([
      ['2024-01-01', '2024-04-30', '3000.00'],
      ['2024-05-01', '2024-08-31', '3500.00'],
      ['2024-09-01', null, '4000.00'],
    ]);
  });

  it('a change on the start day of the version in force corrects it in place', () => {
    const after = applyContractChange([{ ...v(), id: 'c1' }], {
      startDate: '2024-01-01',
      monthlySalary: '3100.00',
    });
    expect(after).toEqual([{ ...v(), id: 'c1', monthlySalary: '3100.00' }]);
  });

  it('refuses a change with no contract in force, with the same terms, or with bad terms', () => {
    expect(ruleError(() => applyContractChange([v()], { startDate: '2023-06-01', fte: '0.5' })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      ruleError(() =>
        applyContractChange([v({ endDate: '2024-03-31' })], { startDate: '2024-05-01', fte: '0.5' }),
      ).code,
    ).toBe('CONFLICT');
    expect(
      ruleError(() => applyContractChange([v()], { startDate: '2024-05-01', monthlySalary: '3000.00' }))
        .message,
    ).toMatch(/same terms/);
    expect(ruleError(() => applyContractChange([v()], { startDate: '2024-05-01', fte: '1.5' })).field).toBe(
      'fte',
    );
    // Stored numerics come back as "1.000" and "3000.00": still the same terms as 1 and "3000".
    const stored = v({ fte: '1.000', weeklyHours: '40.00' });
    expect(() =>
      applyContractChange([stored], { startDate: '2024-05-01', fte: 1, monthlySalary: '3000' }),
    ).toThrow(/same terms/);
  });
});

describe('endContract', () => {
  it('ends the version in force on the last day and drops versions that would start later', () => {
    const versions = [v({ endDate: '2024-06-30' }), v({ startDate: '2024-07-01', monthlySalary: '3300.00' })];
    expect(endContract(versions, '2024-05-15')).toEqual([v({ endDate: '2024-05-15' })]);
    expect(endContract(versions, '2024-09-30')).toEqual([
      v({ endDate: '2024-06-30' }),
      v({ startDate: '2024-07-01', monthlySalary: '3300.00', endDate: '2024-09-30' }),
    ]);
    expect(() => endContract(versions, '2023-12-31')).toThrow(DomainError);
  });
});
