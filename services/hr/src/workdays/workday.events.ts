import { hr } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';

/** A day registered (or corrected, `updated`) for an employee: the kind of day, not its pay. */
export const workdayRegistered = (
  employeeId: string,
  day: { date: string; kind: string },
  updated: boolean,
  actor: Identity,
) =>
  domainEvent(
    hr.workdayRegistered,
    employeeId,
    { employeeId, date: day.date, kind: day.kind, updated },
    actor,
  );
