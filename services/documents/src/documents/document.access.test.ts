import { testIdentity } from '@backoffice/testkit';
import { describe, expect, it } from 'vitest';
import { mayRead, mayUpload, readableScopes, readableSql } from './document.access.js';

const ann = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const as = (roles: Parameters<typeof testIdentity>[0], employeeId?: string) => ({
  identity: testIdentity(roles, { employeeId }),
});
const doc = (documentType: string | null, classification = 'CONFIDENTIAL', owner: string | null = ann) =>
  ({ documentType, classification, ownerEmployeeId: owner, createdBy: 'user-uploader' }) as const;

describe('document access', () => {
  it('lets owners read their own, hr personnel files and payslips, accountants invoices', () => {
    expect(mayRead(as(['employee'], ann), doc('contract') as never, false)).toBe(true);
    expect(mayRead(as(['employee'], bob), doc('contract') as never, false)).toBe(false);
    expect(mayRead(as(['hr']), doc('personnel_file') as never, false)).toBe(true);
    expect(mayRead(as(['hr']), doc('payslip') as never, false)).toBe(true);
    expect(mayRead(as(['hr']), doc('invoice') as never, false)).toBe(false);
    expect(mayRead(as(['accountant']), doc('invoice') as never, false)).toBe(true);
    expect(mayRead(as(['accountant']), doc('payslip') as never, false)).toBe(false);
    expect(mayRead(as(['compliance_officer']), doc('memo') as never, false)).toBe(true);
    expect(mayRead(as(['admin']), doc(null) as never, false)).toBe(true);
    const uploader = { identity: testIdentity(['accountant'], { userId: 'user-uploader' }) };
    expect(mayRead(uploader, doc('memo') as never, false)).toBe(true);
    expect(mayRead(uploader, doc('memo', 'STRICTLY_CONFIDENTIAL') as never, false)).toBe(false);
  });

  it('opens strictly confidential documents to explicit grants only', () => {
    const secret = doc('personnel_file', 'STRICTLY_CONFIDENTIAL') as never;
    expect(mayRead(as(['admin']), secret, false)).toBe(false);
    expect(mayRead(as(['compliance_officer']), secret, false)).toBe(false);
    expect(mayRead(as(['employee'], ann), secret, false)).toBe(false);
    expect(mayRead(as(['analyst']), secret, true)).toBe(true);
  });

  it('lets back-office roles upload for anyone and employees for themselves', () => {
    expect(mayUpload(as(['hr']), bob)).toBe(true);
    expect(mayUpload(as(['employee'], ann), ann)).toBe(true);
    expect(mayUpload(as(['employee'], ann), bob)).toBe(false);
    expect(mayUpload(as(['employee'], ann), null)).toBe(false);
    expect(mayUpload(as(['it_agent']), null)).toBe(false);
  });

  it('builds a SQL rule that reads nothing for an anonymous caller and everything but secrets for compliance', () => {
    expect(readableSql({ identity: { userId: null, roles: [], employeeId: null } }).sql).toBe('false');
    const compliance = readableSql(as(['compliance_officer']));
    expect(compliance.sql).toContain("classification <> 'STRICTLY_CONFIDENTIAL' AND true");
    expect(readableSql(as(['hr'])).params.readerTypes).toEqual(['personnel_file', 'payslip']);
  });

  it('splits the rule into branches an index can serve, secrets only in the grants branch', () => {
    const scopesOf = (caller: Parameters<typeof readableScopes>[0]) => {
      const params: unknown[] = [];
      const scopes = readableScopes(caller, (v) => `$${params.push(v)}`);
      return { names: scopes.map((s) => s.name), scopes, params };
    };
    expect(scopesOf({ identity: { userId: null, roles: [], employeeId: null } }).names).toEqual([]);
    expect(scopesOf(as(['compliance_officer'])).names).toEqual(['all', 'grants']);
    expect(scopesOf(as(['admin'])).names).toEqual(['all', 'grants']);
    const employee = scopesOf(as(['employee'], ann));
    expect(employee.names).toEqual(['owner', 'uploader', 'grants']);
    expect(employee.params).toContain(ann);
    const hr = scopesOf(as(['hr']));
    expect(hr.names).toEqual(['uploader', 'types', 'grants']);
    expect(hr.params).toContainEqual(['personnel_file', 'payslip']);
    for (const { scopes } of [employee, hr, scopesOf(as(['compliance_officer']))]) {
      for (const scope of scopes) {
        expect(scope.where).toContain('d.deleted_at IS NULL');
        if (scope.name !== 'grants')
          expect(scope.where).toContain("d.classification <> 'STRICTLY_CONFIDENTIAL'");
      }
    }
  });
});
