import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bodyDigest,
  IDENTITY_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  identityOf,
  jsonBodyDigest,
  LEGACY_IDENTITY_TIME_HEADER,
  readIdentityStatement,
  signIdentity,
} from './identity.js';
import { createKeyring, generateSigningKey, parseTrustedKeys } from './keys.js';

const gateway = generateSigningKey();
const nextGateway = generateSigningKey();
const documents = generateSigningKey();
const trusted = parseTrustedKeys(
  JSON.stringify({ gateway: [gateway.publicKey], documents: [documents.publicKey] }),
);
const gatewayRing = createKeyring('gateway', gateway.signingKey, trusted);
const documentsRing = createKeyring('documents', documents.signingKey, trusted);
/** What hr believes: it verifies only, with everyone's public keys. */
const hrView = gatewayRing;

const alice = { userId: 'alice', roles: ['hr' as const], employeeId: 'e-1' };
const toHr = { audience: 'hr', method: 'POST', path: '/graphql', body: bodyDigest('{"query":"{x}"}') };

const decode = (headers: Record<string, string>) =>
  JSON.parse(Buffer.from(headers[IDENTITY_HEADER], 'base64url').toString('utf8'));
const encode = (statement: unknown) => Buffer.from(JSON.stringify(statement)).toString('base64url');

describe('the identity statement the gateway signs', () => {
  it('names the caller, the subgraph, the request, the time and a fresh nonce', () => {
    const headers = signIdentity(alice, toHr, gatewayRing, 1_700_000_000_000);
    const statement = decode(headers);
    expect(statement).toMatchObject({
      aud: 'hr',
      iat: 1_700_000_000_000,
      method: 'POST',
      path: '/graphql',
      body: toHr.body,
      sub: 'alice',
      roles: ['hr'],
      employeeId: 'e-1',
    });
    expect(decode(signIdentity(alice, toHr, gatewayRing)).nonce).not.toBe(statement.nonce);
    expect(headers[IDENTITY_SIGNATURE_HEADER].split('.')[0]).toBe(gateway.kid);
    const read = readIdentityStatement(headers, hrView);
    expect(read.ok && identityOf(read.statement)).toEqual(alice);
  });

  it('believes only the gateway: a service key (documents) cannot mint an identity', () => {
    const minted = signIdentity({ ...alice, roles: ['admin'] }, toHr, documentsRing);
    expect(readIdentityStatement(minted, hrView)).toEqual({ ok: false, reason: 'forged' });
    // Naming the gateway's key id does not help: the signature is checked with that key.
    const [, sig] = minted[IDENTITY_SIGNATURE_HEADER].split('.');
    const relabelled = { ...minted, [IDENTITY_SIGNATURE_HEADER]: `${gateway.kid}.${sig}` };
    expect(readIdentityStatement(relabelled, hrView)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a statement changed after signing (a role added, another audience)', () => {
    const headers = signIdentity(alice, toHr, gatewayRing);
    for (const change of [{ roles: ['admin'] }, { aud: 'accounting' }, { iat: Date.now() + 1 }]) {
      const forged = { ...headers, [IDENTITY_HEADER]: encode({ ...decode(headers), ...change }) };
      expect(readIdentityStatement(forged, hrView)).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('keeps verifying the previous gateway key during a rotation, and not after it', () => {
    const rotating = parseTrustedKeys(
      JSON.stringify({ gateway: [nextGateway.publicKey, gateway.publicKey] }),
    );
    const verifier = createKeyring('gateway', nextGateway.signingKey, rotating);
    const byOld = signIdentity(alice, toHr, gatewayRing);
    const byNew = signIdentity(alice, toHr, verifier);
    expect(readIdentityStatement(byOld, verifier).ok).toBe(true);
    expect(readIdentityStatement(byNew, verifier).ok).toBe(true);
    const settled = createKeyring(
      'gateway',
      nextGateway.signingKey,
      parseTrustedKeys(JSON.stringify({ gateway: [nextGateway.publicKey] })),
    );
    expect(readIdentityStatement(byOld, settled)).toEqual({ ok: false, reason: 'forged' });
  });

  it('treats no identity headers as anonymous, and refuses partial, malformed and HMAC-style ones', () => {
    expect(readIdentityStatement({}, hrView)).toEqual({ ok: false, reason: 'missing' });
    const headers = signIdentity(alice, toHr, gatewayRing);
    expect(readIdentityStatement({ [IDENTITY_HEADER]: headers[IDENTITY_HEADER] }, hrView)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    // The old scheme: identity, time and an HMAC over both with a shared key.
    const time = String(Date.now());
    const old = encode({ sub: 'alice', roles: ['admin'], employeeId: null });
    const hmac = {
      [IDENTITY_HEADER]: old,
      [LEGACY_IDENTITY_TIME_HEADER]: time,
      [IDENTITY_SIGNATURE_HEADER]: createHmac('sha256', 'k').update(`${time}.${old}`).digest('base64url'),
    };
    expect(readIdentityStatement(hmac, hrView).ok).toBe(false);
    expect(readIdentityStatement({ [LEGACY_IDENTITY_TIME_HEADER]: time }, hrView)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    // Signed by the gateway but not a statement (a field missing): refused, not guessed at.
    const { aud: _aud, ...noAudience } = decode(headers);
    const encoded = encode(noAudience);
    const { kid, sig } = gatewayRing.sign(encoded);
    expect(
      readIdentityStatement(
        { [IDENTITY_HEADER]: encoded, [IDENTITY_SIGNATURE_HEADER]: `${kid}.${sig}` },
        hrView,
      ),
    ).toEqual({ ok: false, reason: 'malformed' });
  });

  it('drops unknown roles and gives an anonymous caller no roles', () => {
    const anonymous = signIdentity({ userId: null, roles: ['admin'], employeeId: 'e-9' }, toHr, gatewayRing);
    expect(decode(anonymous)).toMatchObject({ sub: null, roles: [], employeeId: null });
    const read = readIdentityStatement(anonymous, hrView);
    expect(read.ok && identityOf(read.statement)).toEqual({ userId: null, roles: [], employeeId: null });
    expect(identityOf({ ...decode(anonymous), sub: 'bob', roles: ['hr', 'root'] }).roles).toEqual(['hr']);
    // Empty strings are nobody, never an unreadable statement.
    const blank = signIdentity({ userId: 'carol', roles: ['employee'], employeeId: '' }, toHr, gatewayRing);
    expect(decode(blank)).toMatchObject({ sub: 'carol', employeeId: null });
    expect(
      decode(signIdentity({ userId: '', roles: ['admin'], employeeId: null }, toHr, gatewayRing)).sub,
    ).toBeNull();
  });
});

describe('body digests', () => {
  it('bind the exact bytes, or for the router the JSON by meaning', () => {
    expect(bodyDigest('{"a":1}')).toBe(bodyDigest(Buffer.from('{"a":1}')));
    expect(bodyDigest('{"a":1}')).not.toBe(bodyDigest('{"a": 1}'));
    const request = { query: '{x}', operationName: null, variables: { b: [1, { d: 2, c: 3 }], a: null } };
    const reordered = '{"variables":{"a":null,"b":[1,{"c":3,"d":2}]},"query":"{x}"}';
    expect(jsonBodyDigest(JSON.parse(reordered))).toBe(jsonBodyDigest(request));
    // A changed variable, or an explicit null dropped inside the variables, is another request.
    expect(jsonBodyDigest({ ...request, variables: { b: [1, { d: 2, c: 4 }], a: null } })).not.toBe(
      jsonBodyDigest(request),
    );
    expect(jsonBodyDigest({ ...request, variables: { b: [1, { d: 2, c: 3 }] } })).not.toBe(
      jsonBodyDigest(request),
    );
  });
});
