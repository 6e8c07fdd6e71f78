import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import { accessGroupsFor, DEFAULT_ACCESS_TABLE, findDepartmentAccess } from './onboarding.access.js';
import { type OnboardingEmployee, onboardingChecklist } from './onboarding.checklist.js';

const at = (iso: string) => new Date(iso);

const jane: OnboardingEmployee = {
  givenName: 'Jane',
  familyName: 'Doe',
  departmentName: 'Finance',
  departmentCostCenter: 'CC-FIN',
  workLocation: 'REMOTE',
  startDate: '2026-03-09',
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

describe('onboardingChecklist', () => {
  it('opens a P3 ONBOARDING ticket due the business day before the start at 09:00 Amsterdam', () => {
    const ticket = onboardingChecklist({ employee: jane });
    expect(ticket.title).toBe('Onboarding: Jane Doe (starts 2026-03-09)');
    expect(ticket.category).toBe('ONBOARDING');
    expect(ticket.priority).toBe('P3');
    // Monday start: ready on Friday 6 March at 09:00 CET.
    expect(ticket.dueAt.toISOString()).toBe('2026-03-06T08:00:00.000Z');
  });

  it('lists accounts, laptop, home-office kit, department access and the welcome session', () => {
    const { items } = onboardingChecklist({ employee: jane });
    expect(items).toEqual([
      'Create the email account and mailbox for Jane Doe',
      'Create the SSO account for Jane Doe and prepare multi-factor enrolment',
      'Prepare a laptop for Jane Doe: install the standard image, encrypt the disk and enrol it in device management',
      'Ship a home-office kit (monitor, keyboard, mouse, headset) to Jane Doe to arrive before 2026-03-09',
      'Grant access group "all-staff"',
      'Grant access group "intranet"',
      'Grant access group "it-self-service"',
      'Grant access group "finance-ledger"',
      'Grant access group "finance-shared-drive"',
      'Schedule the IT welcome session with Jane Doe on 2026-03-09',
    ]);
  });

  it('writes the description as a Markdown checklist with one task per item', () => {
    const { description, items } = onboardingChecklist({ employee: jane });
    expect(description).toContain('## Onboarding: Jane Doe');
    expect(description).toContain('- **Department:** Finance (CC-FIN)');
    expect(description).toContain('- **Work location:** Remote');
    expect(description).toContain('- **Ready by:** 2026-03-06 09:00 (Europe/Amsterdam)');
    const tasks = description.split('\n').filter((line) => line.startsWith('- [ ] '));
    expect(tasks).toHaveLength(items.length);
    expect(tasks[0]).toBe('- [ ] Create the email account and mailbox for Jane Doe');
  });

  it('gives office workers a badge instead of a home-office kit, and hybrid workers both', () => {
    const office = onboardingChecklist({ employee: { ...jane, workLocation: 'OFFICE' } }).items.join('\n');
    expect(office).toContain('office access badge');
    expect(office).not.toContain('home-office kit');
    const hybrid = onboardingChecklist({ employee: { ...jane, workLocation: 'HYBRID' } }).items.join('\n');
    expect(hybrid).toContain('office access badge');
    expect(hybrid).toContain('home-office kit');
  });

  it('skips weekends and public holidays when picking the day before the start', () => {
    // Tuesday after Easter Monday (6 April 2026): ready on Friday 3 April, 09:00 CEST.
    const easter = onboardingChecklist({ employee: { ...jane, startDate: '2026-04-07' } });
    expect(easter.dueAt.toISOString()).toBe('2026-04-03T07:00:00.000Z');
    const january = onboardingChecklist({ employee: { ...jane, startDate: '2026-01-02' } });
    expect(january.dueAt.toISOString()).toBe('2025-12-31T08:00:00.000Z');
  });

  it('raises the priority when the start is too close for the P3 resolution target', () => {
    const onTime = onboardingChecklist({ employee: jane, now: at('2026-03-02T09:00:00+01:00') });
    expect(onTime.priority).toBe('P3');
    const twoDays = onboardingChecklist({ employee: jane, now: at('2026-03-04T09:00:00+01:00') });
    expect(twoDays.priority).toBe('P2');
    const lastMinute = onboardingChecklist({ employee: jane, now: at('2026-03-05T16:00:00+01:00') });
    expect(lastMinute.priority).toBe('P1');
    const tooLate = onboardingChecklist({ employee: jane, now: at('2026-03-09T08:00:00+01:00') });
    expect(tooLate.priority).toBe('P1');
  });

  it('takes a custom access table, calendar and ready-by time', () => {
    const ticket = onboardingChecklist(
      { employee: { ...jane, departmentName: 'Warehouse', departmentCostCenter: null } },
      {
        accessTable: {
          baseline: ['everyone'],
          departments: [{ names: ['warehouse'], groups: ['stock-system'] }],
        },
        calendar: {
          timeZone: 'UTC',
          workingHours: { MON: [{ start: '08:00', end: '16:00' }] },
          holidays: [],
        },
        readyBy: '08:00',
      },
    );
    expect(ticket.items).toContain('Grant access group "stock-system"');
    expect(ticket.items).toContain('Grant access group "everyone"');
    expect(ticket.dueAt.toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it('escapes Markdown in names typed by people', () => {
    const { description } = onboardingChecklist({
      employee: { ...jane, givenName: 'J*ne', familyName: '_Doe_' },
    });
    expect(description).toContain('## Onboarding: J\\*ne \\_Doe\\_');
  });

  it('rejects an unusable employee with the field to correct', () => {
    const badDate = errorOf(() => onboardingChecklist({ employee: { ...jane, startDate: '2026-02-30' } }));
    expect([badDate.code, badDate.field]).toEqual(['BAD_USER_INPUT', 'employee.startDate']);
    expect(errorOf(() => onboardingChecklist({ employee: { ...jane, givenName: '  ' } })).field).toBe(
      'employee.givenName',
    );
    expect(
      errorOf(() => onboardingChecklist({ employee: { ...jane, workLocation: 'MOON' as never } })).field,
    ).toBe('employee.workLocation');
  });
});

describe('access by department', () => {
  it('matches the cost center first, then the name, ignoring case and spaces', () => {
    expect(findDepartmentAccess({ name: 'Sales', costCenter: 'cc-fin' })?.groups).toContain('finance-ledger');
    expect(findDepartmentAccess({ name: '  human resources ', costCenter: 'CC-UNKNOWN' })?.groups).toContain(
      'hr-system',
    );
    expect(findDepartmentAccess({ name: 'Catering' })).toBeNull();
  });

  it('gives an unknown or missing department the baseline only', () => {
    expect(accessGroupsFor({ name: 'Catering' })).toEqual(DEFAULT_ACCESS_TABLE.baseline);
    expect(accessGroupsFor({})).toEqual(['all-staff', 'intranet', 'it-self-service']);
  });

  it('drops duplicate groups', () => {
    const table = {
      baseline: ['intranet', 'crm'],
      departments: [{ names: ['Sales'], groups: ['crm', 'quotes'] }],
    };
    expect(accessGroupsFor({ name: 'sales' }, table)).toEqual(['intranet', 'crm', 'quotes']);
  });
});
