import { describe, expect, it } from 'vitest';
import {
  createForwardedIdentityVerifier,
  IDENTITY_MAX_AGE_MS,
  NonceWindow,
  verifyForwardedIdentity,
} from './forwarded.js';
import { bodyDigest, jsonBodyDigest, STREAMED_BODY, signIdentity } from './identity.js';
import { createKeyring, generateSigningKey, parseTrustedKeys } from './keys.js';

const gateway = generateSigningKey();
const hr = generateSigningKey();
const trusted = parseTrustedKeys(JSON.stringify({ gateway: [gateway.publicKey], hr: [hr.publicKey] }));
const gatewayRing = createKeyring('gateway', gateway.signingKey, trusted);
const hrRing = createKeyring('hr', hr.signingKey, trusted);

const alice = { userId: 'alice', roles: ['payroll' as const], employeeId: null };
const BODY = JSON.stringify({
  query: 'query($id: ID!) { employee(id: $id) { id } }',
  variables: { id: 'e-1' },
});
const call = (over: Partial<{ audience: string; method: string; path: string; body: string }> = {}) => ({
  audience: 'hr',
  method: 'POST',
  path: '/graphql',
  body: bodyDigest(BODY),
  ...over,
});
const atHr = (
  body: string | undefined = BODY,
  over: { method?: string; path?: string } = {},
): { audience: string; method: string; path: string; body: string | undefined } => ({
  audience: 'hr',
  method: over.method ?? 'POST',
  path: over.path ?? '/graphql',
  body,
});

describe('a subgraph checking a forwarded identity', () => {
  it('accepts the genuine statement once, and refuses it the second time', () => {
    const nonces = new NonceWindow();
    const headers = signIdentity(alice, call(), gatewayRing);
    expect(verifyForwardedIdentity(headers, atHr(), hrRing, nonces)).toEqual({ ok: true, identity: alice });
    expect(verifyForwardedIdentity(headers, atHr(), hrRing, nonces)).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  it('refuses another audience, method, path or body', () => {
    const nonces = new NonceWindow();
    const refused = (headers: Record<string, string>, at: ReturnType<typeof atHr> = atHr()) =>
      verifyForwardedIdentity(headers, at, hrRing, nonces);
    expect(refused(signIdentity(alice, call({ audience: 'accounting' }), gatewayRing))).toEqual({
      ok: false,
      reason: 'audience',
    });
    expect(refused(signIdentity(alice, call(), gatewayRing), atHr(BODY, { path: '/graphql?x=1' }))).toEqual({
      ok: false,
      reason: 'request',
    });
    expect(refused(signIdentity(alice, call(), gatewayRing), atHr('', { method: 'GET' }))).toEqual({
      ok: false,
      reason: 'request',
    });
    const changed = BODY.replace('e-1', 'e-2');
    expect(refused(signIdentity(alice, call(), gatewayRing), atHr(changed))).toEqual({
      ok: false,
      reason: 'body',
    });
    // A statement for a streamed upload is no good where the body was read, and the reverse.
    expect(refused(signIdentity(alice, call({ body: STREAMED_BODY }), gatewayRing))).toEqual({
      ok: false,
      reason: 'body',
    });
    const streamed = { ...atHr(), body: undefined };
    expect(refused(signIdentity(alice, call(), gatewayRing), streamed)).toEqual({
      ok: false,
      reason: 'body',
    });
    // None of the refusals used up a nonce: nothing was accepted.
    expect(nonces.size).toBe(0);
  });

  it('accepts 30 s back and 5 s ahead, nothing outside', () => {
    const now = Date.now();
    const at = (iat: number) =>
      verifyForwardedIdentity(
        signIdentity(alice, call(), gatewayRing, iat),
        atHr(),
        hrRing,
        new NonceWindow(),
        now,
      );
    expect(at(now - IDENTITY_MAX_AGE_MS).ok).toBe(true);
    expect(at(now + 5_000).ok).toBe(true);
    expect(at(now - IDENTITY_MAX_AGE_MS - 1)).toEqual({ ok: false, reason: 'stale' });
    expect(at(now + 5_001)).toEqual({ ok: false, reason: 'stale' });
  });

  it('accepts a body signed by meaning (the router path) when the JSON says the same', () => {
    const headers = signIdentity(alice, call({ body: jsonBodyDigest(JSON.parse(BODY)) }), gatewayRing);
    const respaced = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(verifyForwardedIdentity(headers, atHr(respaced), hrRing, new NonceWindow()).ok).toBe(true);
    const other = signIdentity(alice, call({ body: jsonBodyDigest(JSON.parse(BODY)) }), gatewayRing);
    expect(
      verifyForwardedIdentity(other, atHr(BODY.replace('e-1', 'e-2')), hrRing, new NonceWindow()),
    ).toEqual({ ok: false, reason: 'body' });
    expect(verifyForwardedIdentity(other, atHr('not json'), hrRing, new NonceWindow())).toEqual({
      ok: false,
      reason: 'body',
    });
  });

  it('shares one nonce window between the GraphQL endpoint and the routes of one subgraph', () => {
    const ring = createKeyring('hr', hr.signingKey, trusted);
    const graphql = createForwardedIdentityVerifier({ audience: 'hr', keyring: ring });
    const route = createForwardedIdentityVerifier({ audience: 'hr', keyring: ring });
    const headers = signIdentity(alice, call(), gatewayRing);
    expect(graphql(headers, BODY).ok).toBe(true);
    expect(route(headers, BODY)).toEqual({ ok: false, reason: 'replayed' });
    // Another process (another keyring object) has its own window.
    const elsewhere = createForwardedIdentityVerifier({
      audience: 'hr',
      keyring: createKeyring('hr', hr.signingKey, trusted),
    });
    expect(elsewhere(signIdentity(alice, call(), gatewayRing), BODY).ok).toBe(true);
  });
});

describe('NonceWindow', () => {
  it('forgets nonces once their statements are too old to pass anyway', () => {
    const window = new NonceWindow(10, 1_000);
    expect(window.claim('a', 0, 0)).toBe(true);
    expect(window.claim('b', 500, 500)).toBe(true);
    expect(window.claim('a', 0, 1_000)).toBe('replayed');
    expect(window.claim('c', 1_001, 1_001)).toBe(true);
    expect(window.size).toBe(2);
  });

  it('when full, shrinks the window instead of forgetting a nonce that could still be replayed', () => {
    const window = new NonceWindow(3, 30_000);
    for (const [nonce, at] of [
      ['n1', 100],
      ['n2', 200],
      ['n3', 300],
    ] as const)
      expect(window.claim(nonce, at, 1_000)).toBe(true);
    // Full: n1 is forgotten to make room, so from now on nothing signed at or before 100 passes.
    expect(window.claim('n4', 400, 1_000)).toBe(true);
    expect(window.size).toBe(3);
    expect(window.claim('n1', 100, 1_000)).toBe('stale');
    expect(window.claim('late', 50, 1_000)).toBe('stale');
    // Fresh statements still pass, and the remembered ones are still replays.
    expect(window.claim('n5', 900, 1_000)).toBe(true);
    expect(window.claim('n4', 400, 1_000)).toBe('replayed');
    expect(window.size).toBe(3);
  });
});
