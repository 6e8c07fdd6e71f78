import { testIdentity } from '@backoffice/testkit';
import { describe, expect, it } from 'vitest';
import {
  holdRefusal,
  keptUntil,
  lastCorrectionDay,
  mayChange,
  mayKnowOfHolds,
  retentionRefusesDeletion,
  retentionRefusesNewVersion,
} from './records.rules.js';

const ann = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const as = (roles: Parameters<typeof testIdentity>[0], employeeId?: string, userId?: string) => ({
  identity: testIdentity(roles, { employeeId, ...(userId ? { userId } : {}) }),
});
const filedAbout = (
  owner: string | null,
  createdBy: string,
  documentType: string | null = 'personnel_file',
) => ({ documentType, classification: 'CONFIDENTIAL', ownerEmployeeId: owner, createdBy }) as const;

describe('who may change a filed document', () => {
  it('keeps what others filed about a person read-only to that person, whatever roles they hold', () => {
    const warning = filedAbout(ann, 'user-hr');
    expect(mayChange(as(['employee'], ann, 'user-ann'), warning)).toBe(false);
    expect(mayChange(as(['hr'], ann, 'user-ann'), warning)).toBe(false);
    expect(mayChange(as(['admin'], ann, 'user-ann'), warning)).toBe(false);
    expect(mayChange(as(['compliance_officer'], ann, 'user-ann'), warning)).toBe(false);
  });

  it('lets owners change what they uploaded themselves, and filers what they may read', () => {
    expect(mayChange(as(['employee'], ann, 'user-ann'), filedAbout(ann, 'user-ann', null))).toBe(true);
    expect(mayChange(as(['hr'], bob, 'user-hank'), filedAbout(ann, 'user-hr'))).toBe(true);
    expect(mayChange(as(['employee'], bob, 'user-bob'), filedAbout(ann, 'user-hr'))).toBe(false);
    expect(mayChange(as(['it_agent'], bob, 'user-it'), filedAbout(null, 'user-hr'))).toBe(false);
    expect(mayChange(as(['it_agent'], bob, 'user-it'), filedAbout(null, 'user-it'))).toBe(true);
    expect(
      mayChange({ identity: { userId: null, roles: [], employeeId: null } }, filedAbout(null, 'x')),
    ).toBe(false);
  });
});

describe('retention', () => {
  it('refuses deletion until and including the retention date, naming it', () => {
    const payslip = { retentionUntil: '2033-12-31', uploadedOn: '2026-03-01' };
    expect(keptUntil(payslip, '2033-12-31')).toBe('2033-12-31');
    expect(keptUntil(payslip, '2034-01-01')).toBeNull();
    expect(retentionRefusesDeletion(payslip, '2026-03-01')).toMatch(/kept until 2033-12-31/);
    expect(retentionRefusesDeletion(payslip, '2034-01-01')).toBeNull();
    expect(
      retentionRefusesDeletion({ retentionUntil: null, uploadedOn: '2026-03-01' }, '2026-03-01'),
    ).toBeNull();
  });

  it('allows a corrected version in the first days after filing, then keeps the record as filed', () => {
    const payslip = { retentionUntil: '2033-12-31', uploadedOn: '2026-03-01' };
    expect(lastCorrectionDay('2026-03-01')).toBe('2026-03-08');
    expect(lastCorrectionDay('2026-12-28')).toBe('2027-01-04');
    expect(retentionRefusesNewVersion(payslip, '2026-03-08')).toBeNull();
    expect(retentionRefusesNewVersion(payslip, '2026-03-09')).toMatch(
      /kept as filed until 2033-12-31.*corrections were possible until 2026-03-08/,
    );
    expect(
      retentionRefusesNewVersion({ retentionUntil: null, uploadedOn: '2020-01-01' }, '2026-03-09'),
    ).toBeNull();
    expect(retentionRefusesNewVersion({ ...payslip, retentionUntil: '2026-01-01' }, '2026-03-09')).toBeNull();
  });
});

describe('who may know of a legal hold', () => {
  it('tells compliance, admin and the keepers of the type, never the person the document is about', () => {
    const file = { documentType: 'personnel_file', ownerEmployeeId: ann };
    expect(mayKnowOfHolds(as(['compliance_officer']), file)).toBe(true);
    expect(mayKnowOfHolds(as(['admin']), file)).toBe(true);
    expect(mayKnowOfHolds(as(['hr'], bob), file)).toBe(true);
    expect(mayKnowOfHolds(as(['hr'], ann), file)).toBe(false);
    expect(mayKnowOfHolds(as(['employee'], ann), file)).toBe(false);
    expect(mayKnowOfHolds(as(['accountant']), file)).toBe(false);
    expect(mayKnowOfHolds(as(['accountant']), { documentType: 'invoice', ownerEmployeeId: null })).toBe(true);
    expect(mayKnowOfHolds(as(['hr']), { documentType: null, ownerEmployeeId: null })).toBe(false);
  });

  it('names the hold only to those who may know of it', () => {
    expect(holdRefusal(true, 'deleted')).toMatch(/legal hold/);
    expect(holdRefusal(false, 'deleted')).not.toMatch(/hold|compliance|investigation/i);
  });
});
