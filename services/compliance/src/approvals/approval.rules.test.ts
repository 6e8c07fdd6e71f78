import { describe, expect, it } from 'vitest';
import {
  type ApprovalFacts,
  type Decider,
  assertMayDecide,
  expiryFrom,
  governedBy,
  isExpired,
  mayDecide,
  normaliseSubjectId,
  statusAfter,
  stepsRequiredFor,
} from './approval.rules.js';

const now = new Date('2026-03-01T12:00:00Z');

const approval = (overrides: Partial<ApprovalFacts> = {}): ApprovalFacts => ({
  id: 'a-1',
  status: 'PENDING',
  requiredRole: 'controller',
  stepsRequired: 1,
  requestedBy: 'author',
  requestedByEmployeeId: 'emp-author',
  subjectAuthor: 'author',
  expiresAt: new Date('2026-03-04T12:00:00Z'),
  steps: [],
  ...overrides,
});

const person = (userId: string, roles: Decider['roles'], employeeId: string | null = null): Decider => ({
  userId,
  roles,
  employeeId,
});

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('segregation of duties', () => {
  it('never lets the requester or the subject author decide, whatever their roles', () => {
    expect(code(() => assertMayDecide(approval(), person('author', ['controller', 'admin']), now))).toBe(
      'FORBIDDEN',
    );
    const authoredBySomeoneElse = approval({ requestedBy: 'clerk', subjectAuthor: 'author' });
    expect(code(() => assertMayDecide(authoredBySomeoneElse, person('author', ['controller']), now))).toBe(
      'FORBIDDEN',
    );
    expect(code(() => assertMayDecide(authoredBySomeoneElse, person('clerk', ['admin']), now))).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses the requesting employee under another user id', () => {
    expect(
      code(() => assertMayDecide(approval(), person('other-login', ['controller'], 'emp-author'), now)),
    ).toBe('FORBIDDEN');
  });

  it('needs the required role (admin always passes)', () => {
    expect(code(() => assertMayDecide(approval(), person('x', ['accountant']), now))).toBe('FORBIDDEN');
    expect(assertMayDecide(approval(), person('x', ['controller']), now)).toBe(1);
    expect(assertMayDecide(approval(), person('x', ['admin']), now)).toBe(1);
    expect(mayDecide(approval(), person('x', ['controller']))).toBe(true);
    expect(mayDecide(approval(), person('author', ['controller']))).toBe(false);
  });

  it('answers CONFLICT to a second decision and to a decision after the deadline', () => {
    expect(
      code(() => assertMayDecide(approval({ status: 'APPROVED' }), person('x', ['controller']), now)),
    ).toBe('CONFLICT');
    expect(
      code(() => assertMayDecide(approval({ status: 'EXPIRED' }), person('x', ['controller']), now)),
    ).toBe('CONFLICT');
    const decided = approval({ status: 'APPROVED', steps: [{ step: 1, decidedBy: 'x', approve: true }] });
    expect(code(() => assertMayDecide(decided, person('x', ['controller']), now))).toBe('CONFLICT');
    expect(code(() => assertMayDecide(decided, person('y', ['controller']), now))).toBe('CONFLICT');
    const late = approval({ expiresAt: new Date('2026-03-01T11:59:59Z') });
    expect(code(() => assertMayDecide(late, person('x', ['controller']), now))).toBe('CONFLICT');
  });
});

describe('two steps above the second threshold', () => {
  it('asks for a second step only above the threshold', () => {
    expect(stepsRequiredFor('100000', '100000')).toBe(1);
    expect(stepsRequiredFor('100000.01', '100000')).toBe(2);
    expect(stepsRequiredFor(null, '100000')).toBe(1);
  });

  it('needs an admin other than the first approver for the second step', () => {
    const afterFirst = approval({
      stepsRequired: 2,
      steps: [{ step: 1, decidedBy: 'ctrl', approve: true }],
    });
    expect(code(() => assertMayDecide(afterFirst, person('ctrl2', ['controller']), now))).toBe('FORBIDDEN');
    expect(code(() => assertMayDecide(afterFirst, person('ctrl', ['controller', 'admin']), now))).toBe(
      'CONFLICT',
    );
    expect(assertMayDecide(afterFirst, person('boss', ['admin']), now)).toBe(2);
    expect(statusAfter(afterFirst, 1, true)).toBe('PENDING');
    expect(statusAfter(afterFirst, 2, true)).toBe('APPROVED');
    expect(statusAfter(afterFirst, 1, false)).toBe('REJECTED');
  });
});

describe('expiry', () => {
  it('expires a pending approval at its deadline, and nothing already decided', () => {
    const requested = new Date('2026-03-01T00:00:00Z');
    const expiresAt = expiryFrom(requested, 72);
    expect(expiresAt.toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(isExpired({ status: 'PENDING', expiresAt }, new Date('2026-03-03T23:59:59Z'))).toBe(false);
    expect(isExpired({ status: 'PENDING', expiresAt }, expiresAt)).toBe(true);
    expect(isExpired({ status: 'APPROVED', expiresAt }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('subjects', () => {
  it('compares a UUID subject id in lower case, and other ids as typed (trimmed)', () => {
    const id = '0B5E9C1A-3F2D-4C8B-9A7E-1D2C3B4A5F60';
    expect(normaliseSubjectId(id)).toBe(id.toLowerCase());
    expect(normaliseSubjectId(`  ${id}\t`)).toBe(id.toLowerCase());
    expect(normaliseSubjectId(' PAY-1 ')).toBe('PAY-1');
  });

  it('knows the subject types a service governs, in any spelling', () => {
    for (const t of ['JournalEntry', 'journalentry', 'JOURNAL_ENTRY', 'Journal_Entry'])
      expect(governedBy(t), t).toMatch(/accounting/);
    expect(governedBy('Payment')).toBeNull();
    expect(governedBy('AccessGrant')).toBeNull();
  });
});
