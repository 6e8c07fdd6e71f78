import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import {
  allowedTransitions,
  assertTransition,
  canTransition,
  DEFAULT_REOPEN_WINDOW_DAYS,
  isDueForAutoClose,
  reopenDeadline,
  transitionEffects,
} from './ticket.workflow.js';
import { TICKET_STATUSES, type TicketStatus } from './ticket.types.js';

const resolvedAt = new Date('2026-03-02T10:00:00Z');
const now = new Date('2026-03-03T10:00:00Z');
const context = { resolvedAt, now };
const HOUR = 60 * 60 * 1000;

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('ticket workflow', () => {
  it('walks the happy path NEW -> TRIAGED -> IN_PROGRESS -> WAITING_ON_REQUESTER -> RESOLVED -> CLOSED', () => {
    const path: TicketStatus[] = [
      'NEW',
      'TRIAGED',
      'IN_PROGRESS',
      'WAITING_ON_REQUESTER',
      'RESOLVED',
      'CLOSED',
    ];
    for (let i = 1; i < path.length; i++) {
      expect(() => assertTransition(path[i - 1], path[i], context)).not.toThrow();
    }
  });

  const expected: Record<TicketStatus, TicketStatus[]> = {
    NEW: ['TRIAGED', 'IN_PROGRESS', 'RESOLVED'],
    TRIAGED: ['IN_PROGRESS', 'WAITING_ON_REQUESTER', 'RESOLVED'],
    IN_PROGRESS: ['WAITING_ON_REQUESTER', 'RESOLVED'],
    WAITING_ON_REQUESTER: ['IN_PROGRESS', 'RESOLVED'],
    RESOLVED: ['IN_PROGRESS', 'CLOSED'],
    CLOSED: [],
  };

  for (const from of TICKET_STATUSES) {
    it(`allows exactly ${expected[from].join(', ') || 'nothing'} from ${from}`, () => {
      expect(allowedTransitions(from, context)).toEqual(expected[from]);
      for (const to of TICKET_STATUSES) {
        const allowed = expected[from].includes(to);
        expect(canTransition(from, to, context)).toBe(allowed);
        if (allowed) expect(() => assertTransition(from, to, context)).not.toThrow();
        else expect(errorOf(() => assertTransition(from, to, context)).code).toBe('CONFLICT');
      }
    });
  }

  it('refuses an invalid transition with CONFLICT naming from and to and the way forward', () => {
    const error = errorOf(() => assertTransition('NEW', 'CLOSED', context));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('CONFLICT');
    expect(error.field).toBe('to');
    expect(error.message).toContain('from NEW to CLOSED');
    expect(error.message).toContain('TRIAGED, IN_PROGRESS, RESOLVED');
  });

  it('treats CLOSED as final', () => {
    const error = errorOf(() => assertTransition('CLOSED', 'IN_PROGRESS', context));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('from CLOSED to IN_PROGRESS');
    expect(error.message).toContain('CLOSED is final');
  });

  it('refuses a move to the status the ticket already has', () => {
    const error = errorOf(() => assertTransition('IN_PROGRESS', 'IN_PROGRESS', context));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('already IN_PROGRESS');
  });

  it('answers BAD_USER_INPUT for a status the workflow does not know', () => {
    const to = errorOf(() => assertTransition('NEW', 'DONE', context));
    expect([to.code, to.field]).toEqual(['BAD_USER_INPUT', 'to']);
    expect(to.message).toContain('"DONE"');
    const from = errorOf(() => assertTransition('open', 'CLOSED', context));
    expect([from.code, from.field]).toEqual(['BAD_USER_INPUT', 'from']);
    expect(() => allowedTransitions('nope', context)).toThrow(DomainError);
  });
});

describe('reopen window', () => {
  it('defaults to 7 days after the resolution', () => {
    expect(DEFAULT_REOPEN_WINDOW_DAYS).toBe(7);
    expect(reopenDeadline(resolvedAt).toISOString()).toBe('2026-03-09T10:00:00.000Z');
  });

  it('allows a reopen within the window, up to and including its last instant', () => {
    expect(() => assertTransition('RESOLVED', 'IN_PROGRESS', { resolvedAt, now: resolvedAt })).not.toThrow();
    const lastInstant = new Date('2026-03-09T10:00:00Z');
    expect(() => assertTransition('RESOLVED', 'IN_PROGRESS', { resolvedAt, now: lastInstant })).not.toThrow();
  });

  it('refuses a reopen after the window with CONFLICT and says when it ended', () => {
    const late = new Date('2026-03-09T10:00:00.001Z');
    const error = errorOf(() => assertTransition('RESOLVED', 'IN_PROGRESS', { resolvedAt, now: late }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('from RESOLVED to IN_PROGRESS');
    expect(error.message).toContain('2026-03-09T10:00:00.000Z');
    expect(allowedTransitions('RESOLVED', { resolvedAt, now: late })).toEqual(['CLOSED']);
    // Closing stays possible whatever the window.
    expect(() => assertTransition('RESOLVED', 'CLOSED', { resolvedAt, now: late })).not.toThrow();
  });

  it('honours a configured window', () => {
    const tenDaysLater = new Date(resolvedAt.getTime() + 10 * 24 * HOUR);
    expect(
      canTransition('RESOLVED', 'IN_PROGRESS', { resolvedAt, now: tenDaysLater, reopenWindowDays: 14 }),
    ).toBe(true);
    expect(canTransition('RESOLVED', 'IN_PROGRESS', { resolvedAt, now: tenDaysLater })).toBe(false);
    const anHourLater = new Date(resolvedAt.getTime() + HOUR);
    expect(
      canTransition('RESOLVED', 'IN_PROGRESS', { resolvedAt, now: anHourLater, reopenWindowDays: 0 }),
    ).toBe(false);
  });

  it('refuses a reopen whose resolution time is unknown', () => {
    expect(errorOf(() => assertTransition('RESOLVED', 'IN_PROGRESS', { now })).code).toBe('CONFLICT');
    expect(errorOf(() => assertTransition('RESOLVED', 'IN_PROGRESS', { resolvedAt: null, now })).code).toBe(
      'CONFLICT',
    );
  });

  it('rejects a negative window as bad input', () => {
    const error = errorOf(() =>
      assertTransition('RESOLVED', 'IN_PROGRESS', { ...context, reopenWindowDays: -1 }),
    );
    expect([error.code, error.field]).toEqual(['BAD_USER_INPUT', 'reopenWindowDays']);
  });

  it('marks resolved tickets past the window for automatic closing', () => {
    const ticket = { status: 'RESOLVED' as const, resolvedAt };
    expect(isDueForAutoClose(ticket, new Date('2026-03-09T10:00:00Z'))).toBe(false);
    expect(isDueForAutoClose(ticket, new Date('2026-03-09T10:00:01Z'))).toBe(true);
    expect(isDueForAutoClose({ status: 'IN_PROGRESS', resolvedAt: null }, new Date('2030-01-01'))).toBe(
      false,
    );
  });
});

describe('transition effects', () => {
  it('counts picking up a NEW ticket as the first response', () => {
    expect(transitionEffects('NEW', 'TRIAGED').countsAsFirstResponse).toBe(true);
    expect(transitionEffects('NEW', 'IN_PROGRESS').countsAsFirstResponse).toBe(true);
    expect(transitionEffects('TRIAGED', 'IN_PROGRESS').countsAsFirstResponse).toBe(false);
  });

  it('pauses the SLA while waiting on the requester and resumes it on the answer', () => {
    expect(transitionEffects('IN_PROGRESS', 'WAITING_ON_REQUESTER')).toMatchObject({
      startsSlaPause: true,
      endsSlaPause: false,
    });
    expect(transitionEffects('WAITING_ON_REQUESTER', 'IN_PROGRESS')).toMatchObject({
      startsSlaPause: false,
      endsSlaPause: true,
    });
  });

  it('records the resolution, and keeps one pause running from waiting into resolved', () => {
    expect(transitionEffects('WAITING_ON_REQUESTER', 'RESOLVED')).toEqual({
      isReopen: false,
      setsResolvedAt: true,
      clearsResolvedAt: false,
      setsClosedAt: false,
      startsSlaPause: false,
      endsSlaPause: false,
      countsAsFirstResponse: false,
    });
    expect(transitionEffects('IN_PROGRESS', 'RESOLVED')).toMatchObject({
      setsResolvedAt: true,
      startsSlaPause: true,
    });
  });

  it('clears the resolution on a reopen and closes without touching it', () => {
    expect(transitionEffects('RESOLVED', 'IN_PROGRESS')).toMatchObject({
      isReopen: true,
      clearsResolvedAt: true,
      endsSlaPause: true,
    });
    expect(transitionEffects('RESOLVED', 'CLOSED')).toMatchObject({
      setsClosedAt: true,
      clearsResolvedAt: false,
      endsSlaPause: false,
    });
  });
});
