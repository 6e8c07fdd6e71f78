import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import { assertMayFinalize, assertNotOwnPayData, payDataHands } from './duties.rules.js';

const EMPLOYEE = '6f1c2b1e-0d7a-4d51-9a55-0c7f4b8f2a10';

function refusal(fn: () => void): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('nobody changes their own pay data', () => {
  it.each(['contract', 'bank account', 'allowance'] as const)('refuses a change of one’s own %s', (what) => {
    const e = refusal(() => assertNotOwnPayData({ userId: 'hanna', employeeId: EMPLOYEE }, EMPLOYEE, what));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(new RegExp(`nobody changes their own ${what}`));
  });
  it('compares employee ids whatever their case', () => {
    expect(() =>
      assertNotOwnPayData({ userId: 'hanna', employeeId: EMPLOYEE }, EMPLOYEE.toUpperCase(), 'contract'),
    ).toThrow(/nobody changes their own contract/);
  });
  it('names the iban field for a bank account', () => {
    expect(
      refusal(() => assertNotOwnPayData({ userId: 'e', employeeId: EMPLOYEE }, EMPLOYEE, 'bank account'))
        .field,
    ).toBe('iban');
  });
  it("lets a colleague change someone else's, and a caller with no employee", () => {
    expect(() =>
      assertNotOwnPayData({ userId: 'hanna', employeeId: 'another' }, EMPLOYEE, 'contract'),
    ).not.toThrow();
    expect(() =>
      assertNotOwnPayData({ userId: 'svc', employeeId: null }, EMPLOYEE, 'allowance'),
    ).not.toThrow();
  });
});

describe('four eyes on a payroll run', () => {
  const run = { calculatedBy: 'paula', payDataChangedBy: ['hanna'] };
  it('refuses the person who calculated it', () => {
    const e = refusal(() => assertMayFinalize({ userId: 'paula' }, run, true));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(/you calculated this payroll run/);
  });
  it('refuses anyone who changed pay data that went into it', () => {
    expect(() => assertMayFinalize({ userId: 'hanna' }, run, true)).toThrow(/changed pay data/);
  });
  it('refuses a caller without a user', () => {
    expect(() => assertMayFinalize({ userId: null }, run, true)).toThrow(/signed-in user/);
  });
  it('lets a second person finalize', () => {
    expect(() => assertMayFinalize({ userId: 'piet' }, run, true)).not.toThrow();
  });
  it('lets one person do it all only when four eyes is switched off', () => {
    expect(() => assertMayFinalize({ userId: 'paula' }, run, false)).not.toThrow();
  });
});

describe('pay data hands', () => {
  it('names the last changer and everyone, once each', () => {
    expect(
      payDataHands([{ changedBy: 'b' }, { changedBy: 'a' }, { changedBy: null }, { changedBy: 'b' }]),
    ).toEqual({ lastPayDataChangeBy: 'b', payDataChangedBy: ['a', 'b'] });
    expect(payDataHands([])).toEqual({ lastPayDataChangeBy: null, payDataChangedBy: [] });
  });
});
