import { DomainError } from '@backoffice/kit/errors';
import type { TicketStatus } from './ticket.types.js';

/**
 * Who may comment on a ticket. Internal comments are the agents' working notes and are hidden from
 * requesters, so only an IT agent may write one. A closed ticket is history: a follow-up belongs in a
 * new ticket (or a reopen while the ticket is still RESOLVED), not in a comment nobody watches.
 *
 * Only the `it_agent` role writes internal comments, as the issue says; an admin who works the desk
 * is expected to hold `it_agent` as well. Whether the caller may see the ticket at all (requester,
 * agent) is the service's access check, not this rule.
 */
export const IT_AGENT_ROLE = 'it_agent';

export interface CommentAttempt {
  status: TicketStatus;
  internal: boolean;
  roles: readonly string[];
}

function refusal({ status, internal, roles }: CommentAttempt): DomainError | null {
  if (status === 'CLOSED') {
    return new DomainError(
      'CONFLICT',
      'The ticket is CLOSED and no longer takes comments; open a new ticket for a follow-up.',
      'ticketId',
    );
  }
  if (internal && !roles.includes(IT_AGENT_ROLE)) {
    return new DomainError('FORBIDDEN', 'Only IT agents can write internal comments.', 'internal');
  }
  return null;
}

/** Whether the comment may be added. */
export function canComment(attempt: CommentAttempt): boolean {
  return refusal(attempt) === null;
}

/** Throws `CONFLICT` for a closed ticket and `FORBIDDEN` for an internal comment by a non-agent. */
export function assertCanComment(attempt: CommentAttempt): void {
  const error = refusal(attempt);
  if (error) throw error;
}

/**
 * A public comment by an agent answers the requester, so it stops the response clock:
 * store `firstRespondedAt = now` when it is still empty. Internal notes and the requester's own
 * comments do not count.
 */
export function commentCountsAsFirstResponse(attempt: {
  internal: boolean;
  roles: readonly string[];
}): boolean {
  return !attempt.internal && attempt.roles.includes(IT_AGENT_ROLE);
}
