import { hr } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';

/** An allowance set or ended (`ended`: set to zero) from validFrom; the amount stays in hr. */
export const allowanceSet = (
  employeeId: string,
  kind: string,
  validFrom: string,
  ended: boolean,
  actor: Identity,
) => domainEvent(hr.allowanceSet, employeeId, { employeeId, kind, validFrom, ended }, actor);
