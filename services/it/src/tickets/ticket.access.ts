import { type ServiceContext, hasRole, isSelf } from '@backoffice/kit';
import type { Ticket } from './ticket.entity.js';
import type { TicketStatus } from './ticket.types.js';

/**
 * Who may see and work a ticket. Agents see and work all; the requester sees theirs and may make the
 * moves in {@link REQUESTER_MOVES}; a watcher only sees (reads the ticket and its public comments).
 */

/** What a requester may do to their own ticket: answer, reopen within the window, confirm closure. */
export const REQUESTER_MOVES: Partial<Record<TicketStatus, TicketStatus[]>> = {
  WAITING_ON_REQUESTER: ['IN_PROGRESS'],
  RESOLVED: ['IN_PROGRESS', 'CLOSED'],
};

export const isAgent = (ctx: ServiceContext) => hasRole(ctx, 'it_agent');

/** May change the ticket (within the workflow and REQUESTER_MOVES): an agent or the requester. */
export function mayWork(ctx: ServiceContext, ticket: Pick<Ticket, 'requesterId'>): boolean {
  return isAgent(ctx) || isSelf(ctx, ticket.requesterId);
}
