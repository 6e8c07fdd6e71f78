import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import { type OffboardingInput, offboardingChecklist } from './offboarding.checklist.js';

const at = (iso: string) => new Date(iso);

const leaving: OffboardingInput = {
  employee: { givenName: 'Piet', familyName: 'de Vries', departmentName: 'Sales', workLocation: 'OFFICE' },
  endDate: '2026-03-31',
  assets: [
    { tag: 'LT-0042', model: 'Dell Latitude 7440' },
    { tag: 'PH-0007', model: 'iPhone 15' },
  ],
  accesses: ['crm', 'sales-shared-drive', 'vpn'],
};

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('offboardingChecklist', () => {
  it('opens a P2 OFFBOARDING ticket due at 17:00 Amsterdam on the last day', () => {
    const ticket = offboardingChecklist(leaving);
    expect(ticket.title).toBe('Offboarding: Piet de Vries (last day 2026-03-31)');
    expect(ticket.category).toBe('OFFBOARDING');
    expect(ticket.priority).toBe('P2');
    // 31 March is after the DST change: 17:00 CEST is 15:00 UTC.
    expect(ticket.dueAt.toISOString()).toBe('2026-03-31T15:00:00.000Z');
  });

  it('lists every asset to collect and every access to revoke', () => {
    const { description, items } = offboardingChecklist(leaving);
    expect(items).toContain('Collect asset LT-0042 (Dell Latitude 7440) from Piet de Vries');
    expect(items).toContain('Collect asset PH-0007 (iPhone 15) from Piet de Vries');
    for (const access of leaving.accesses) expect(items).toContain(`Revoke access "${access}"`);
    expect(items).toContain(
      'Disable the SSO account of Piet de Vries and end all sessions at the end of 2026-03-31',
    );

    expect(description).toContain('## Offboarding: Piet de Vries');
    expect(description).toContain('- **Due:** 2026-03-31 17:00 (Europe/Amsterdam)');
    const assetsSection = description.split('### Assets to collect')[1].split('###')[0];
    expect(assetsSection).toContain('- [ ] Collect asset LT-0042 (Dell Latitude 7440) from Piet de Vries');
    expect(assetsSection).toContain('- [ ] Collect asset PH-0007 (iPhone 15) from Piet de Vries');
    const accessSection = description.split('### Access to revoke')[1].split('###')[0];
    expect(accessSection).toContain('- [ ] Revoke access "sales-shared-drive"');
    expect(accessSection).toContain('- [ ] Revoke access "vpn"');
  });

  it('sends remote workers a return box for their equipment', () => {
    const remote = offboardingChecklist({
      ...leaving,
      employee: { ...leaving.employee, workLocation: 'REMOTE' },
    });
    expect(remote.items[0]).toBe('Send Piet de Vries a prepaid return box for the equipment');
    expect(offboardingChecklist(leaving).items.join('\n')).not.toContain('return box');
  });

  it('says so when no assets or access are on record, and still disables the account', () => {
    const { description, items } = offboardingChecklist({ ...leaving, assets: [], accesses: [] });
    expect(description).toContain('No assets are registered to this employee.');
    expect(description).toContain('No access is recorded.');
    expect(items).toContain('Confirm with the manager that Piet de Vries holds no unregistered equipment');
    expect(items.some((item) => item.startsWith('Disable the SSO account'))).toBe(true);
  });

  it('lists the same asset tag or access only once', () => {
    const { items } = offboardingChecklist({
      ...leaving,
      assets: [...leaving.assets, { tag: 'LT-0042', model: 'Dell Latitude 7440' }],
      accesses: ['vpn', ' vpn ', ''],
    });
    expect(items.filter((item) => item.includes('LT-0042'))).toHaveLength(1);
    expect(items.filter((item) => item.includes('"vpn"'))).toHaveLength(1);
  });

  it('raises the priority for a departure at short notice', () => {
    expect(offboardingChecklist({ ...leaving, now: at('2026-03-30T09:00:00+02:00') }).priority).toBe('P2');
    expect(offboardingChecklist({ ...leaving, now: at('2026-03-31T14:00:00+02:00') }).priority).toBe('P1');
  });

  it('takes a custom due time', () => {
    const ticket = offboardingChecklist(leaving, { dueBy: '12:00' });
    expect(ticket.dueAt.toISOString()).toBe('2026-03-31T10:00:00.000Z');
  });

  it('rejects an unusable end date or asset', () => {
    const badDate = errorOf(() => offboardingChecklist({ ...leaving, endDate: '31-03-2026' }));
    expect([badDate.code, badDate.field]).toEqual(['BAD_USER_INPUT', 'endDate']);
    const noTag = errorOf(() => offboardingChecklist({ ...leaving, assets: [{ tag: ' ', model: 'Mouse' }] }));
    expect(noTag.field).toBe('assets.0.tag');
  });
});
