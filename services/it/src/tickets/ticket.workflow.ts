import { DomainError } from '@backoffice/kit/errors';
import { isTicketStatus, TICKET_STATUSES, type TicketStatus } from './ticket.types.js';

/**
 * The ticket workflow of the service desk. Errors:
 * - an unknown status value is `BAD_USER_INPUT` (the request is malformed);
 * - a transition the workflow does not allow from the ticket's current status, including a reopen
 *   after the reopen window, is `CONFLICT`: the same request would be fine for a ticket in another
 *   state, so it clashes with the state rather than being bad input.
 */

/** How long a requester can still get a resolved ticket reopened instead of raising a new one. */
export const DEFAULT_REOPEN_WINDOW_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every edge of the workflow. The happy path is NEW -> TRIAGED -> IN_PROGRESS -> RESOLVED -> CLOSED;
 * the extra edges are the ones a desk needs day to day:
 * - NEW -> IN_PROGRESS: an agent picks up an obvious ticket without a separate triage step;
 * - TRIAGED -> WAITING_ON_REQUESTER: triage often needs more information before work can start;
 * - IN_PROGRESS <-> WAITING_ON_REQUESTER: asking the requester and getting the answer back;
 * - any open status -> RESOLVED: a duplicate or a self-solved problem is resolved where it stands;
 * - RESOLVED -> IN_PROGRESS: a reopen, only within the reopen window (checked separately);
 * - CLOSED has no way out: a closed ticket is history, a recurring problem gets a new ticket.
 */
const EDGES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  NEW: ['TRIAGED', 'IN_PROGRESS', 'RESOLVED'],
  TRIAGED: ['IN_PROGRESS', 'WAITING_ON_REQUESTER', 'RESOLVED'],
  IN_PROGRESS: ['WAITING_ON_REQUESTER', 'RESOLVED'],
  WAITING_ON_REQUESTER: ['IN_PROGRESS', 'RESOLVED'],
  RESOLVED: ['IN_PROGRESS', 'CLOSED'],
  CLOSED: [],
};

/**
 * While a ticket sits in one of these statuses the desk is not working against the resolution clock:
 * waiting on the requester (the rule) and resolved (so the days before a reopen are not
 * charged to the desk when the clock resumes).
 */
export const SLA_PAUSING_STATUSES: readonly TicketStatus[] = ['WAITING_ON_REQUESTER', 'RESOLVED', 'CLOSED'];

export interface TransitionContext {
  /** When the ticket was resolved; only consulted when leaving RESOLVED. */
  resolvedAt?: Date | null;
  now: Date;
  /** Defaults to {@link DEFAULT_REOPEN_WINDOW_DAYS}; counted as whole 24-hour days after `resolvedAt`. */
  reopenWindowDays?: number;
}

/** What a transition means for the stored ticket, so the service applies it the same way everywhere. */
export interface TransitionEffects {
  /** RESOLVED -> IN_PROGRESS. */
  isReopen: boolean;
  /** Store `resolvedAt = now`. */
  setsResolvedAt: boolean;
  /** Clear `resolvedAt` (a reopen): the resolution clock runs again. */
  clearsResolvedAt: boolean;
  /** Store `closedAt = now`. */
  setsClosedAt: boolean;
  /** Open an SLA pause `{ from: now, to: null }`. */
  startsSlaPause: boolean;
  /** Close the open SLA pause with `to = now`. */
  endsSlaPause: boolean;
  /** Picking up a NEW ticket answers the requester: store `firstRespondedAt = now` if still empty. */
  countsAsFirstResponse: boolean;
}

function requireStatus(value: unknown, field: 'from' | 'to'): TicketStatus {
  if (!isTicketStatus(value)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `Unknown ticket status "${String(value)}"; expected one of ${TICKET_STATUSES.join(', ')}.`,
      field,
    );
  }
  return value;
}

function requireInstant(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new DomainError('BAD_USER_INPUT', `${field} must be a valid date-time.`, field);
  }
  return value;
}

function reopenWindowDays(context: TransitionContext): number {
  const days = context.reopenWindowDays ?? DEFAULT_REOPEN_WINDOW_DAYS;
  if (!Number.isFinite(days) || days < 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `The reopen window must be zero or more days, got ${days}.`,
      'reopenWindowDays',
    );
  }
  return days;
}

/** The last instant at which a ticket resolved at `resolvedAt` may still be reopened. */
export function reopenDeadline(resolvedAt: Date, windowDays: number = DEFAULT_REOPEN_WINDOW_DAYS): Date {
  requireInstant(resolvedAt, 'resolvedAt');
  return new Date(resolvedAt.getTime() + windowDays * DAY_MS);
}

/**
 * Whether a RESOLVED ticket should be closed by the housekeeping job: once it can no longer be
 * reopened, keeping it RESOLVED only clutters the agents' queues.
 */
export function isDueForAutoClose(
  ticket: { status: TicketStatus; resolvedAt: Date | null },
  now: Date,
  windowDays: number = DEFAULT_REOPEN_WINDOW_DAYS,
): boolean {
  if (ticket.status !== 'RESOLVED' || !ticket.resolvedAt) return false;
  return now.getTime() > reopenDeadline(ticket.resolvedAt, windowDays).getTime();
}

/** Why `from -> to` is refused, or null when it is allowed. Statuses must already be valid. */
function refusal(from: TicketStatus, to: TicketStatus, context: TransitionContext): DomainError | null {
  if (from === to) {
    return new DomainError('CONFLICT', `The ticket is already ${from}; there is nothing to change.`, 'to');
  }
  if (!EDGES[from].includes(to)) {
    const allowed = EDGES[from];
    const hint = allowed.length ? `From ${from} it can move to ${allowed.join(', ')}.` : `${from} is final.`;
    return new DomainError('CONFLICT', `A ticket cannot move from ${from} to ${to}. ${hint}`, 'to');
  }
  if (from === 'RESOLVED' && to === 'IN_PROGRESS') {
    const days = reopenWindowDays(context);
    if (!context.resolvedAt) {
      // A RESOLVED ticket without a resolution time is a data problem; refusing is safer than
      // reopening tickets whose window cannot be checked.
      return new DomainError(
        'CONFLICT',
        `A ticket cannot move from ${from} to ${to}: its resolution time is unknown, so the reopen window cannot be checked.`,
        'to',
      );
    }
    requireInstant(context.now, 'now');
    const deadline = reopenDeadline(context.resolvedAt, days);
    if (context.now.getTime() > deadline.getTime()) {
      return new DomainError(
        'CONFLICT',
        `A ticket cannot move from ${from} to ${to}: the reopen window of ${days} days ended at ${deadline.toISOString()}. Open a new ticket instead.`,
        'to',
      );
    }
  }
  return null;
}

/**
 * Throws a {@link DomainError} naming `from` and `to` unless the workflow allows the move now.
 * `from`/`to` are typed loosely on purpose: the values come straight from stored rows and input.
 */
export function assertTransition(
  from: TicketStatus | string,
  to: TicketStatus | string,
  context: TransitionContext,
): void {
  const error = refusal(requireStatus(from, 'from'), requireStatus(to, 'to'), context);
  if (error) throw error;
}

/** Whether the workflow allows `from -> to` now, without throwing for refused moves. */
export function canTransition(from: TicketStatus, to: TicketStatus, context: TransitionContext): boolean {
  return refusal(requireStatus(from, 'from'), requireStatus(to, 'to'), context) === null;
}

/** The statuses a ticket in `from` can move to now (the reopen only while its window is open). */
export function allowedTransitions(from: TicketStatus | string, context: TransitionContext): TicketStatus[] {
  const status = requireStatus(from, 'from');
  return EDGES[status].filter((to) => refusal(status, to, context) === null);
}

/** The bookkeeping a transition implies; call after {@link assertTransition} succeeded. */
export function transitionEffects(from: TicketStatus, to: TicketStatus): TransitionEffects {
  const pausedBefore = SLA_PAUSING_STATUSES.includes(from);
  const pausedAfter = SLA_PAUSING_STATUSES.includes(to);
  return {
    isReopen: from === 'RESOLVED' && to === 'IN_PROGRESS',
    setsResolvedAt: to === 'RESOLVED',
    clearsResolvedAt: from === 'RESOLVED' && to !== 'CLOSED',
    setsClosedAt: to === 'CLOSED',
    startsSlaPause: !pausedBefore && pausedAfter,
    endsSlaPause: pausedBefore && !pausedAfter,
    countsAsFirstResponse: from === 'NEW',
  };
}
