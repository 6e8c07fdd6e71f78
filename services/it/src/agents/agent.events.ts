import { it } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';

export const agentRegistered = (employeeId: string, lead: boolean, actor: Identity) =>
  domainEvent(it.agentRegistered, employeeId, { employeeId, lead }, actor);

export const agentRetired = (employeeId: string, actor: Identity) =>
  domainEvent(it.agentRetired, employeeId, { employeeId }, actor);
