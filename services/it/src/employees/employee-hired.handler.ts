import { CONSUMERS, type hr } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import { onboardingChecklist } from '../onboarding/onboarding.checklist.js';
import type { TicketService } from '../tickets/ticket.service.js';
import { KnownEmployee } from './known-employee.entity.js';

/**
 * On a hire: remember the employee and have the tickets feature open their onboarding ticket (or note
 * a re-announced hire on the one still open). A redelivery of the same event opens nothing (the inbox
 * and the unique source_event_id).
 */
export const employeeHiredHandler = (tickets: TicketService): EventHandler<typeof hr.employeeHired> => ({
  consumer: CONSUMERS.it.onboarding,
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
    // The upsert above holds the employee's row lock, so two hired events for one employee serialize.
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
    await tickets.openOnboarding(
      em,
      checklist,
      e.employeeId,
      event.id,
      `hr announced this hire again (event ${event.id}): start ${e.startDate}, ${e.workLocation.toLowerCase()}. Check the checklist still fits.`,
    );
  },
});
