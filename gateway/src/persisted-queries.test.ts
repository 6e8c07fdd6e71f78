import { ANONYMOUS, type Identity } from '@backoffice/kit';
import { describe, expect, it } from 'vitest';
import type { SecurityConfig } from './config.js';
import { requestedHash, resolvePersisted, sha256Hex } from './persisted-queries.js';

const ME = '{ me { id } }';
const security = (only: boolean): SecurityConfig => ({
  introspection: 'open',
  rateLimitPerMinute: 0,
  persistedQueriesOnly: only,
  persistedQueries: new Map([[sha256Hex(ME), ME]]),
  adhocQueryRoles: ['analyst', 'admin'],
});
const as = (...roles: Identity['roles']): Identity => ({ userId: 'u', roles, employeeId: null });

describe('persisted operations', () => {
  it('reads the hash the Apollo way, as JSON text from a GET, or as a bare id', () => {
    const hash = sha256Hex(ME);
    expect(requestedHash({ persistedQuery: { version: 1, sha256Hash: hash.toUpperCase() } }, undefined)).toBe(
      hash,
    );
    expect(requestedHash(JSON.stringify({ persistedQuery: { sha256Hash: hash } }), undefined)).toBe(hash);
    expect(requestedHash(undefined, hash)).toBe(hash);
    expect(requestedHash('not json', undefined)).toBeUndefined();
  });

  it('fills the text in by hash and refuses unknown hashes and mismatched text', () => {
    const hash = sha256Hex(ME);
    expect(resolvePersisted(security(false), as('employee'), undefined, hash)).toEqual({
      ok: true,
      query: ME,
    });
    expect(resolvePersisted(security(false), as('employee'), undefined, 'f'.repeat(64))).toMatchObject({
      ok: false,
    });
    expect(resolvePersisted(security(false), as('employee'), '{ x }', hash)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/does not match/),
    });
    expect(resolvePersisted(security(false), ANONYMOUS, '{ other }', undefined)).toEqual({
      ok: true,
      query: '{ other }',
    });
  });

  it('in PERSISTED_QUERIES_ONLY mode, lets only ad-hoc roles send unknown text', () => {
    const only = security(true);
    expect(resolvePersisted(only, as('employee'), '{ other }', undefined)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/PERSISTED_QUERIES_ONLY/),
    });
    expect(resolvePersisted(only, ANONYMOUS, '{ other }', undefined)).toMatchObject({ ok: false });
    expect(resolvePersisted(only, as('employee'), ME, undefined)).toEqual({ ok: true, query: ME });
    expect(resolvePersisted(only, as('employee'), undefined, sha256Hex(ME))).toEqual({ ok: true, query: ME });
    expect(resolvePersisted(only, as('analyst'), '{ other }', undefined)).toEqual({
      ok: true,
      query: '{ other }',
    });
    expect(resolvePersisted(only, as('admin'), '{ other }', undefined)).toEqual({
      ok: true,
      query: '{ other }',
    });
  });
});
