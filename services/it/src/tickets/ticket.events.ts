import { type TicketSlaBreachedData, it } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Ticket } from './ticket.entity.js';

const summary = (t: Ticket) => ({
  ticketId: t.id,
  title: t.title,
  category: t.category,
  priority: t.priority,
  status: t.status,
  requesterEmployeeId: t.requesterId,
  assigneeEmployeeId: t.assigneeId,
});

type Actor = Pick<Identity, 'userId'> | null;

export const ticketCreated = (t: Ticket, actor: Actor, causedBy?: string) =>
  domainEvent(
    it.ticketCreated,
    t.id,
    { ...summary(t), dueAt: t.dueAt?.toISOString() ?? null, causedByEventId: causedBy ?? null },
    actor,
  );
export const ticketAssigned = (t: Ticket, previous: string | null, actor: Actor) =>
  domainEvent(it.ticketAssigned, t.id, { ...summary(t), previousAssigneeEmployeeId: previous }, actor);
export const ticketStatusChanged = (t: Ticket, from: string, actor: Actor) =>
  domainEvent(it.ticketStatusChanged, t.id, { ...summary(t), from, to: t.status }, actor);
export const ticketResolved = (t: Ticket, actor: Actor) =>
  domainEvent(
    it.ticketResolved,
    t.id,
    { ...summary(t), resolvedAt: t.resolvedAt?.toISOString() ?? null },
    actor,
  );
export const ticketSlaBreached = (t: Ticket, data: Omit<TicketSlaBreachedData, 'ticketId'>) =>
  domainEvent(it.ticketSlaBreached, t.id, { ticketId: t.id, ...data }, null);
export const ticketWatcherAdded = (t: Ticket, employeeId: string, actor: Actor) =>
  domainEvent(it.ticketWatcherAdded, t.id, { ticketId: t.id, employeeId }, actor);
export const ticketWatcherRemoved = (t: Ticket, employeeId: string, actor: Actor) =>
  domainEvent(it.ticketWatcherRemoved, t.id, { ticketId: t.id, employeeId }, actor);
