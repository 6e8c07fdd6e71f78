import { describe, expect, it } from 'vitest';
import { DomainError } from '@backoffice/kit/errors';
import { assertCanComment, canComment, commentCountsAsFirstResponse } from './ticket.comments.js';
import { TICKET_STATUSES } from './ticket.types.js';

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('commenting on tickets', () => {
  it('lets requesters and agents comment publicly on every status but CLOSED', () => {
    for (const status of TICKET_STATUSES.filter((s) => s !== 'CLOSED')) {
      expect(canComment({ status, internal: false, roles: ['employee'] })).toBe(true);
      expect(canComment({ status, internal: false, roles: ['it_agent'] })).toBe(true);
    }
  });

  it('refuses any comment on a CLOSED ticket with CONFLICT', () => {
    expect(canComment({ status: 'CLOSED', internal: false, roles: ['it_agent'] })).toBe(false);
    const error = errorOf(() => assertCanComment({ status: 'CLOSED', internal: true, roles: ['it_agent'] }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('CLOSED');
  });

  it('keeps internal comments to IT agents', () => {
    expect(canComment({ status: 'IN_PROGRESS', internal: true, roles: ['employee', 'it_agent'] })).toBe(true);
    expect(canComment({ status: 'IN_PROGRESS', internal: true, roles: ['employee'] })).toBe(false);
    expect(canComment({ status: 'IN_PROGRESS', internal: true, roles: [] })).toBe(false);
    const error = errorOf(() => assertCanComment({ status: 'NEW', internal: true, roles: ['hr', 'admin'] }));
    expect([error.code, error.field]).toEqual(['FORBIDDEN', 'internal']);
  });

  it('counts only an agent public comment as a response to the requester', () => {
    expect(commentCountsAsFirstResponse({ internal: false, roles: ['it_agent'] })).toBe(true);
    expect(commentCountsAsFirstResponse({ internal: true, roles: ['it_agent'] })).toBe(false);
    expect(commentCountsAsFirstResponse({ internal: false, roles: ['employee'] })).toBe(false);
  });
});
