import type { EventHandler } from '@backoffice/kit';
import { onboardingChecklist } from '../onboarding/onboarding.checklist.js';
import { TicketComment } from '../tickets/ticket.entity.js';
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

/**
 * On a hire: remember the employee and open their onboarding ticket. A redelivery of the same event
 * opens nothing (the inbox and the unique source_event_id). hr announces a hire once per new employee,
 * so a second hired event for an employee whose onboarding ticket is still open is a re-announcement
 * (a replay, a corrected start date): it updates what IT knows and notes the news on the open ticket
 * instead of doubling the agents' work. A later hire of the same employee (after onboarding finished)
 * opens a new ticket.
 */
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
    // The upsert above holds the employee's row lock, so two hired events for one employee serialize here.
    const [open]: { id: string }[] = await em.query(
      `SELECT id FROM ticket
        WHERE requester_id = $1 AND category = 'ONBOARDING' AND source_event_id IS NOT NULL
          AND status NOT IN ('RESOLVED', 'CLOSED')
        ORDER BY created_at DESC LIMIT 1`,
      [e.employeeId],
    );
    if (open) {
      await em.insert(TicketComment, {
        ticketId: open.id,
        internal: true,
        author: 'system:it',
        body: `hr announced this hire again (event ${event.id}): start ${e.startDate}, ${e.workLocation.toLowerCase()}. Check the checklist still fits.`,
      });
      return;
    }
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
