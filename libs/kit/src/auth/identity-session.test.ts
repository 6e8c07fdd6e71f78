import { createHmac, diffieHellman, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NonceWindow, verifyForwardedIdentity } from './forwarded.js';
import {
  bodyDigest,
  IDENTITY_HEADER,
  IDENTITY_SESSION_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  identityStatement,
} from './identity.js';
import { createIdentitySigner, IdentitySessions, SESSION_LIFETIME_MS } from './identity-session.js';
import { createKeyring, generateSigningKey, parseTrustedKeys } from './keys.js';
import { rawX25519Public, x25519PrivateFromEd25519Seed, x25519PublicFromEd25519 } from './x25519.js';

const gateway = generateSigningKey();
const hr = generateSigningKey();
const accounting = generateSigningKey();
const documents = generateSigningKey();
const trusted = parseTrustedKeys(
  JSON.stringify({
    gateway: [gateway.publicKey],
    hr: [hr.publicKey],
    accounting: [accounting.publicKey],
    documents: [documents.publicKey],
  }),
);
const gatewayRing = createKeyring('gateway', gateway.signingKey, trusted);
const hrRing = createKeyring('hr', hr.signingKey, trusted);
const documentsRing = createKeyring('documents', documents.signingKey, trusted);

const alice = { userId: 'alice', roles: ['payroll' as const], employeeId: null };
const BODY = '{"query":"{ employees(first: 20) { edges { node { id } } } }"}';
const toHr = { audience: 'hr', method: 'POST', path: '/graphql', body: bodyDigest(BODY) };
const atHr = { audience: 'hr', method: 'POST', path: '/graphql', body: BODY };

function hrChecks() {
  const sessions = new IdentitySessions(hrRing, 'hr');
  const nonces = new NonceWindow();
  return (headers: Record<string, string>, now = Date.now()) =>
    verifyForwardedIdentity(headers, atHr, hrRing, nonces, now, sessions);
}
const session = (headers: Record<string, string>) => headers[IDENTITY_SESSION_HEADER];
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A session statement signed by `ring` as the gateway would sign one, for the attempts below. */
function signedSession(ring: typeof gatewayRing, fields: Record<string, unknown>): string {
  const encoded = b64(fields);
  const { kid, sig } = ring.sign(encoded);
  return `${encoded}.${kid}.${sig}`;
}

describe('X25519 from the Ed25519 keys every principal already has', () => {
  it('gives the same public key from the seed as from the Ed25519 public key', () => {
    for (let i = 0; i < 8; i++) {
      const key = generateSigningKey();
      const fromSeed = rawX25519Public(
        x25519PrivateFromEd25519Seed(Buffer.from(key.signingKey, 'base64url')),
      );
      const fromPublic = rawX25519Public(x25519PublicFromEd25519(Buffer.from(key.publicKey, 'base64url')));
      expect(fromPublic.equals(fromSeed)).toBe(true);
    }
  });

  it('lets the gateway and hr, and nobody else, compute the same secret', () => {
    const ephemeral = generateKeyPairSync('x25519');
    const hrKey = gatewayRing.agreementKeyOf('hr');
    expect(hrKey?.kid).toBe(hr.kid);
    const atGateway = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: hrKey!.key });
    expect(hrRing.agree(ephemeral.publicKey).equals(atGateway)).toBe(true);
    expect(documentsRing.agree(ephemeral.publicKey).equals(atGateway)).toBe(false);
  });
});

describe('identity sessions between the gateway and a subgraph', () => {
  it('accepts a MACed statement under the gateway’s session, once', () => {
    const sign = createIdentitySigner(gatewayRing);
    const headers = sign(alice, toHr);
    expect(headers[IDENTITY_SIGNATURE_HEADER]).toMatch(/^session\./);
    expect(session(headers)).toBeTruthy();
    const check = hrChecks();
    expect(check(headers)).toEqual({ ok: true, identity: alice });
    expect(check(headers)).toEqual({ ok: false, reason: 'replayed' });
    // The next request reuses the session (no signature made or checked) with a fresh nonce.
    const next = sign(alice, toHr);
    expect(session(next)).toBe(session(headers));
    expect(check(next)).toEqual({ ok: true, identity: alice });
  });

  it('refuses a statement changed after its MAC (more roles, another caller)', () => {
    const headers = createIdentitySigner(gatewayRing)(alice, toHr);
    const statement = JSON.parse(Buffer.from(headers[IDENTITY_HEADER], 'base64url').toString());
    for (const changed of [
      { ...statement, roles: ['admin'] },
      { ...statement, sub: 'mallory' },
    ])
      expect(hrChecks()({ ...headers, [IDENTITY_HEADER]: b64(changed) })).toEqual({
        ok: false,
        reason: 'forged',
      });
  });

  it('refuses a session a service signed, however it computed the MAC', () => {
    // documents plays gateway: its own ephemeral key, its own signature over the session.
    const minted = createIdentitySigner({
      sign: (data) => documentsRing.sign(data),
      agreementKeyOf: (p) => documentsRing.agreementKeyOf(p),
    })({ ...alice, roles: ['admin'] }, toHr);
    expect(hrChecks()(minted)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses the gateway’s genuine session with a MAC from a key the gateway did not agree', () => {
    const genuine = createIdentitySigner(gatewayRing)(alice, toHr);
    const encoded = identityStatement({ ...alice, roles: ['admin'] }, toHr);
    const guessed = createHmac('sha256', randomBytes(32)).update(encoded).digest('base64url');
    expect(
      hrChecks()({
        ...genuine,
        [IDENTITY_HEADER]: encoded,
        [IDENTITY_SIGNATURE_HEADER]: `session.${guessed}`,
      }),
    ).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a session made for another subgraph, or for another key of this one', () => {
    const sign = createIdentitySigner(gatewayRing);
    const forAccounting = sign(alice, { ...toHr, audience: 'accounting' });
    // The statement names hr, the session accounting: the MAC is right, the session is not hr's.
    const mixed = { ...sign(alice, toHr), [IDENTITY_SESSION_HEADER]: session(forAccounting) };
    expect(hrChecks()(mixed)).toEqual({ ok: false, reason: 'audience' });
    const otherKey = signedSession(gatewayRing, {
      aud: 'hr',
      to: 'not-hrs-key',
      epk: rawX25519Public(generateKeyPairSync('x25519').publicKey).toString('base64url'),
      iat: Date.now(),
      exp: Date.now() + 60_000,
    });
    expect(hrChecks()({ ...sign(alice, toHr), [IDENTITY_SESSION_HEADER]: otherKey })).toEqual({
      ok: false,
      reason: 'audience',
    });
  });

  it('refuses a session past its expiry or signed for longer than sessions last', () => {
    const now = Date.now();
    const headers = createIdentitySigner(gatewayRing)(alice, toHr, now);
    const expired = hrChecks()(headers, now + SESSION_LIFETIME_MS + 1);
    // The statement itself is old by then as well: either refusal keeps it out.
    expect(expired.ok).toBe(false);
    const check = new IdentitySessions(hrRing, 'hr');
    expect(
      check.check(
        headers[IDENTITY_HEADER],
        headers[IDENTITY_SIGNATURE_HEADER],
        session(headers),
        now + SESSION_LIFETIME_MS,
      ),
    ).toBe('stale');
    const forever = signedSession(gatewayRing, {
      aud: 'hr',
      to: hr.kid,
      epk: rawX25519Public(generateKeyPairSync('x25519').publicKey).toString('base64url'),
      iat: now,
      exp: now + 365 * 24 * 3_600_000,
    });
    expect(check.check(headers[IDENTITY_HEADER], headers[IDENTITY_SIGNATURE_HEADER], forever, now)).toBe(
      'stale',
    );
  });

  it('refuses a MAC without a session, a MAC where only signatures are read, and a small-order key', () => {
    const headers = createIdentitySigner(gatewayRing)(alice, toHr);
    const { [IDENTITY_SESSION_HEADER]: _, ...bare } = headers;
    expect(hrChecks()(bare)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyForwardedIdentity(headers, atHr, hrRing, new NonceWindow())).toEqual({
      ok: false,
      reason: 'forged',
    });
    const zero = signedSession(gatewayRing, {
      aud: 'hr',
      to: hr.kid,
      epk: Buffer.alloc(32).toString('base64url'),
      iat: Date.now(),
      exp: Date.now() + 60_000,
    });
    expect(hrChecks()({ ...headers, [IDENTITY_SESSION_HEADER]: zero })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('starts a new session after half its lifetime, which hr accepts as well', () => {
    const sign = createIdentitySigner(gatewayRing);
    const now = Date.now();
    const first = sign(alice, toHr, now);
    const later = sign(alice, toHr, now + SESSION_LIFETIME_MS / 2 + 1);
    expect(session(later)).not.toBe(session(first));
    const check = new IdentitySessions(hrRing, 'hr');
    expect(
      check.check(
        later[IDENTITY_HEADER],
        later[IDENTITY_SIGNATURE_HEADER],
        session(later),
        now + SESSION_LIFETIME_MS / 2 + 1,
      ),
    ).toBe(true);
  });

  it('signs each request with Ed25519 while two keys are trusted for the subgraph (a rotation)', () => {
    const next = generateSigningKey();
    const rotating = parseTrustedKeys(
      JSON.stringify({ gateway: [gateway.publicKey], hr: [hr.publicKey, next.publicKey] }),
    );
    const ring = createKeyring('gateway', gateway.signingKey, rotating);
    const headers = createIdentitySigner(ring)(alice, toHr);
    expect(session(headers)).toBeUndefined();
    expect(headers[IDENTITY_SIGNATURE_HEADER].startsWith(`${gateway.kid}.`)).toBe(true);
    expect(hrChecks()(headers)).toEqual({ ok: true, identity: alice });
  });

  it('keeps at most its capacity of sessions, however many forged ones arrive', () => {
    const check = new IdentitySessions(hrRing, 'hr', 4);
    const sign = createIdentitySigner(gatewayRing);
    const now = Date.now();
    for (let i = 0; i < 10; i++) {
      const headers = sign(alice, toHr, now + i * SESSION_LIFETIME_MS);
      expect(
        check.check(
          headers[IDENTITY_HEADER],
          headers[IDENTITY_SIGNATURE_HEADER],
          session(headers),
          now + i * SESSION_LIFETIME_MS,
        ),
      ).toBe(true);
    }
    expect(check.size).toBe(4);
  });
});
