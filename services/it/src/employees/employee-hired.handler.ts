import type { EventHandler } from '@backoffice/kit';
import { onboardingChecklist } from '../onboarding/onboarding.checklist.js';
import type { TicketService } from '../tickets/ticket.service.js';
import { KnownEmployee } from './known-employee.entity.js';

/** The slice of hr's `employee.hired` payload this service relies on. */
interface EmployeeHired {
  employeeId: string;
  givenName: string;
  familyName: string;
  email: string;
  departmentName?: string | null;
  costCenter?: string | null;
  startDate: string;
  workLocation: 'OFFICE' | 'REMOTE' | 'HYBRID';
}

/** On a hire: remember the employee and open their onboarding ticket, once per event. */
export const employeeHiredHandler = (tickets: TicketService): EventHandler<EmployeeHired> => ({
  durable: 'it-onboarding',
  subject: 'backoffice.hr.employee.hired',
  async handle(event, { em }) {
    const e = event.data;
    await em.upsert(
      KnownEmployee,
      {
        id: e.employeeId,
        givenName: e.givenName,
        familyName: e.familyName,
        email: e.email,
        departmentName: e.departmentName ?? null,
        costCenter: e.costCenter ?? null,
        workLocation: e.workLocation,
        startDate: e.startDate,
        endDate: null,
        active: true,
      },
      ['id'],
    );
    const checklist = onboardingChecklist({
      employee: {
        givenName: e.givenName,
        familyName: e.familyName,
        departmentName: e.departmentName,
        departmentCostCenter: e.costCenter,
        workLocation: e.workLocation,
        startDate: e.startDate,
      },
      now: new Date(event.time),
    });
    await tickets.openChecklist(em, checklist, e.employeeId, event.id);
  },
});
