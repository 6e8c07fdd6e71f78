import { CONSUMERS, type hr } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import { accessGroupsFor, DEFAULT_ACCESS_TABLE } from '../onboarding/onboarding.access.js';
import { offboardingChecklist } from '../onboarding/offboarding.checklist.js';
import type { TicketService } from '../tickets/ticket.service.js';
import { KnownEmployee } from './known-employee.entity.js';

/** On a termination: an offboarding ticket listing the assets to collect and accesses to revoke; off the agent roster. */
export const employeeTerminatedHandler = (
  tickets: TicketService,
): EventHandler<typeof hr.employeeTerminated> => ({
  consumer: CONSUMERS.it.offboarding,
  async handle(event, { em }) {
    const e = event.data;
    const known = await em.findOneBy(KnownEmployee, { id: e.employeeId });
    if (known) await em.update(KnownEmployee, { id: e.employeeId }, { active: false, endDate: e.endDate });
    // A leaver takes no more tickets; what is assigned to them stays visible for the lead to hand on.
    await em.query('UPDATE it_agent SET retired_at = $2 WHERE employee_id = $1 AND retired_at IS NULL', [
      e.employeeId,
      new Date(event.time),
    ]);
    const assets: { tag: string; model: string }[] = await em.query(
      `SELECT tag, model FROM asset WHERE assignee_id = $1 ORDER BY tag`,
      [e.employeeId],
    );
    const accesses = accessGroupsFor(
      { name: known?.departmentName, costCenter: known?.costCenter },
      DEFAULT_ACCESS_TABLE,
    );
    const checklist = offboardingChecklist({
      employee: {
        givenName: e.givenName,
        familyName: e.familyName,
        departmentName: known?.departmentName ?? null,
      },
      endDate: e.endDate,
      assets,
      accesses: ['Email and SSO account', ...accesses],
      now: new Date(event.time),
    });
    await tickets.openChecklist(em, checklist, e.employeeId, event.id);
  },
});
