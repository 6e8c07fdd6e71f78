import type { EntityManager } from 'typeorm';
import { computeSla } from '../sla/sla.rules.js';
import { type Ticket, TicketSlaPause } from './ticket.entity.js';

/**
 * Stores the ticket's SLA due times as of `now` on the entity (the caller saves it). Called on every
 * change that moves them: creation, a pause ending, a resolution, a priority change. While a pause is
 * still open the stored resolution due time is the one before it, which is never later than the true
 * one: the breach job's SQL scan may over-select a paused ticket, and the rule then drops it.
 */
export async function refreshDueTimes(em: EntityManager, ticket: Ticket, now: Date): Promise<void> {
  const pauses = ticket.id ? await em.find(TicketSlaPause, { where: { ticketId: ticket.id } }) : [];
  const sla = computeSla({
    priority: ticket.priority,
    createdAt: ticket.createdAt,
    firstRespondedAt: ticket.firstRespondedAt,
    resolvedAt: ticket.resolvedAt,
    pauses: pauses.map((p) => ({ from: p.pausedFrom, to: p.pausedTo })),
    now: now < ticket.createdAt ? ticket.createdAt : now,
  });
  ticket.responseDueAt = sla.responseDueAt;
  ticket.resolutionDueAt = sla.resolutionDueAt;
}
