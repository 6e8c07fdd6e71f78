import { accounting } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';

export const periodClosed = (period: string, pendingEntries: number, actor: Identity) =>
  domainEvent(accounting.periodClosed, period, { period, pendingEntries }, actor);

/** Reopening is exceptional: the reason goes to the audit trail. */
export const periodReopened = (period: string, reason: string, actor: Identity) =>
  domainEvent(accounting.periodReopened, period, { period, reason }, actor);
