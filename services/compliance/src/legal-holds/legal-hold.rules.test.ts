import { testIdentity } from '@backoffice/testkit';
import { describe, expect, it } from 'vitest';
import { isActive, mayKnowOfHolds, pendingMessage, statusOf } from './legal-hold.rules.js';

const at = new Date('2026-05-01T10:00:00Z');
const hold = { appliedAt: null, refused: null, releasedAt: null, liftedAt: null };

describe('a legal hold in two phases', () => {
  it('is PENDING until documents applies it, then ACTIVE, RELEASING until the release is confirmed', () => {
    expect(statusOf(hold)).toBe('PENDING');
    expect(statusOf({ ...hold, appliedAt: at })).toBe('ACTIVE');
    expect(statusOf({ ...hold, appliedAt: at, releasedAt: at })).toBe('RELEASING');
    expect(statusOf({ ...hold, appliedAt: at, releasedAt: at, liftedAt: at })).toBe('RELEASED');
    expect(statusOf({ ...hold, refused: 'PURGED' as const })).toBe('REFUSED');
  });

  it('binds while neither released nor refused', () => {
    expect(isActive(hold)).toBe(true);
    expect(isActive({ ...hold, releasedAt: at })).toBe(false);
    expect(isActive({ ...hold, refused: 'NO_SUCH_DOCUMENT' as const })).toBe(false);
  });

  it('says plainly that an unconfirmed hold does not protect yet', () => {
    expect(pendingMessage({ id: 'h1', documentId: 'd1' }, 'placed', 10)).toMatch(
      /recorded.*PENDING.*only once confirmed/,
    );
    expect(pendingMessage({ id: 'h1', documentId: 'd1' }, 'released', 10)).toMatch(/stays held/);
  });
});

describe('who may know of a hold', () => {
  const ann = '11111111-1111-4111-8111-111111111111';
  const as = (roles: Parameters<typeof testIdentity>[0], employeeId?: string) => ({
    identity: testIdentity(roles, { employeeId }),
  });
  const file = { documentType: 'personnel_file', ownerEmployeeId: ann };

  it('tells compliance, admin and the keepers of the document type, never its subject', () => {
    expect(mayKnowOfHolds(as(['compliance_officer']), null)).toBe(true);
    expect(mayKnowOfHolds(as(['admin'], ann), file)).toBe(true);
    expect(mayKnowOfHolds(as(['hr']), file)).toBe(true);
    expect(mayKnowOfHolds(as(['hr'], ann), file)).toBe(false);
    expect(mayKnowOfHolds(as(['employee'], ann), file)).toBe(false);
    expect(mayKnowOfHolds(as(['accountant']), file)).toBe(false);
    expect(mayKnowOfHolds(as(['accountant']), { documentType: 'invoice', ownerEmployeeId: null })).toBe(true);
    expect(mayKnowOfHolds(as(['hr']), null)).toBe(false);
  });
});
