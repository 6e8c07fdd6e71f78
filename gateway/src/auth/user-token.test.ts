import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANONYMOUS } from '@backoffice/kit';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JwtConfig } from '../config.js';
import { createUserTokenVerifier, UnauthenticatedError } from './user-token.js';

const SECRET = 'a-test-secret-that-is-at-least-32-characters';
const key = new TextEncoder().encode(SECRET);
const hsConfig: JwtConfig = {
  secret: SECRET,
  jwksUrl: null,
  issuer: null,
  audience: null,
  usingDevSecret: false,
  maxTtlSeconds: 12 * 3600,
};
const now = () => Math.floor(Date.now() / 1000);

function hs256(claims: JWTPayload, { exp = now() + 300 }: { exp?: number | null } = {}) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (exp !== null) jwt.setExpirationTime(exp);
  return jwt.sign(key);
}

async function refusal(promise: Promise<unknown>): Promise<UnauthenticatedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as UnauthenticatedError).extensions.code).toBe('UNAUTHENTICATED');
    return error as UnauthenticatedError;
  }
  throw new Error('expected the token to be refused');
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('HS256 user tokens', () => {
  const { verifyUserToken, identityFromAuthorization } = createUserTokenVerifier(hsConfig);

  it('gives the identity of a valid token', async () => {
    const token = await hs256({ sub: 'u1', roles: ['hr', 'payroll'], employeeId: 'e1' });
    expect(await verifyUserToken(token)).toEqual({
      userId: 'u1',
      roles: ['hr', 'payroll'],
      employeeId: 'e1',
    });
  });

  it('checks a token once and keeps it until it expires, then refuses it; another signature is checked', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const checks = vi.spyOn(globalThis.crypto.subtle, 'verify');
    try {
      const verifier = createUserTokenVerifier(hsConfig);
      const token = await hs256({ sub: 'u1', roles: ['hr'] }, { exp: now() + 60 });
      const first = await verifier.verifyUserToken(token);
      const again = await verifier.verifyUserToken(token);
      expect(again).toEqual({ userId: 'u1', roles: ['hr'], employeeId: null });
      expect(again).toEqual(first);
      expect(checks).toHaveBeenCalledTimes(1);
      // Each caller gets its own copy: changing it changes nothing kept.
      again.roles.push('admin');
      expect((await verifier.verifyUserToken(token)).roles).toEqual(['hr']);
      const [header, payload] = token.split('.');
      await refusal(verifier.verifyUserToken(`${header}.${payload}.${'A'.repeat(43)}`));
      vi.setSystemTime(Date.now() + 70_000);
      expect((await refusal(verifier.verifyUserToken(token))).message).toMatch(/expired/);
    } finally {
      checks.mockRestore();
      vi.useRealTimers();
    }
  });

  it('treats employeeId and roles as optional', async () => {
    const token = await hs256({ sub: 'u2' });
    expect(await verifyUserToken(token)).toEqual({ userId: 'u2', roles: [], employeeId: null });
  });

  it('refuses alg none', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u1', roles: ['admin'], exp: now() + 60 })}.`;
    expect((await refusal(verifyUserToken(token))).message).toMatch(/algorithm "none" is not accepted/);
  });

  it('refuses other HMAC algorithms and forged signatures', async () => {
    const hs384 = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'HS384' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    await refusal(verifyUserToken(hs384));
    const wrongKey = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    expect((await refusal(verifyUserToken(wrongKey))).message).toMatch(/signature is invalid/);
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const token = await hs256({ sub: 'u1', roles: ['employee'] });
    const [header, , signature] = token.split('.');
    const tampered = `${header}.${b64({ sub: 'u1', roles: ['admin'], exp: now() + 300 })}.${signature}`;
    await refusal(verifyUserToken(tampered));
  });

  it('refuses expired, not-yet-valid and exp-less tokens', async () => {
    expect((await refusal(verifyUserToken(await hs256({ sub: 'u1' }, { exp: now() - 60 })))).message).toMatch(
      /expired/,
    );
    const future = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setNotBefore(now() + 600)
      .setExpirationTime(now() + 900)
      .sign(key);
    expect((await refusal(verifyUserToken(future))).message).toMatch(/not valid yet/);
    expect((await refusal(verifyUserToken(await hs256({ sub: 'u1' }, { exp: null })))).message).toMatch(
      /"exp"/,
    );
  });

  it('refuses a token without sub', async () => {
    expect((await refusal(verifyUserToken(await hs256({ roles: ['hr'] })))).message).toMatch(/"sub"/);
    await refusal(verifyUserToken(await hs256({ sub: '', roles: ['hr'] })));
  });

  it('refuses roles that are not an array of known roles', async () => {
    await refusal(verifyUserToken(await hs256({ sub: 'u1', roles: 'admin' })));
    const unknown = await refusal(verifyUserToken(await hs256({ sub: 'u1', roles: ['hr', 'superuser'] })));
    expect(unknown.message).toContain('"superuser"');
    await refusal(verifyUserToken(await hs256({ sub: 'u1', roles: ['hr', 42] })));
  });

  it('refuses a non-string employeeId', async () => {
    await refusal(verifyUserToken(await hs256({ sub: 'u1', employeeId: 7 })));
  });

  it('refuses what is not a JWT', async () => {
    expect((await refusal(verifyUserToken('not-a-token'))).message).toMatch(/not a JWT/);
  });

  it('reads the Authorization header: absent is anonymous, only Bearer is accepted', async () => {
    expect(await identityFromAuthorization(undefined)).toBe(ANONYMOUS);
    expect(await identityFromAuthorization('')).toBe(ANONYMOUS);
    expect((await refusal(identityFromAuthorization('Basic dTpw'))).message).toMatch(/Bearer/);
    const token = await hs256({ sub: 'u1', roles: ['analyst'] });
    expect((await identityFromAuthorization(`Bearer ${token}`)).userId).toBe('u1');
  });

  it('checks issuer and audience when configured', async () => {
    const strict = createUserTokenVerifier({
      ...hsConfig,
      issuer: 'https://idp.test',
      audience: 'backoffice',
    });
    const sign = (iss: string, aud: string) =>
      new SignJWT({ sub: 'u1' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
    expect((await strict.verifyUserToken(await sign('https://idp.test', 'backoffice'))).userId).toBe('u1');
    expect(
      (await refusal(strict.verifyUserToken(await sign('https://evil.test', 'backoffice')))).message,
    ).toMatch(/issuer/);
    expect((await refusal(strict.verifyUserToken(await sign('https://idp.test', 'other')))).message).toMatch(
      /audience/,
    );
    await refusal(strict.verifyUserToken(await hs256({ sub: 'u1' })));
  });
});

describe('JWKS user tokens (RS256 and ES256)', () => {
  let server: Server;
  let jwksUrl: string;
  let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
  let ec: Awaited<ReturnType<typeof generateKeyPair>>;
  let requests = 0;

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256', { extractable: true });
    ec = await generateKeyPair('ES256', { extractable: true });
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const jwksConfig = (): JwtConfig => ({
    secret: null,
    jwksUrl,
    issuer: null,
    audience: null,
    usingDevSecret: false,
    maxTtlSeconds: 12 * 3600,
  });

  it('verifies RS256 and ES256 tokens from the key set, fetching it once', async () => {
    const verifier = createUserTokenVerifier(jwksConfig());
    const rs = await new SignJWT({ sub: 'u1', roles: ['accountant'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(rsa.privateKey);
    const es = await new SignJWT({ sub: 'u2', roles: ['it_agent'], employeeId: 'e2' })
      .setProtectedHeader({ alg: 'ES256', kid: 'ec-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(ec.privateKey);
    const before = requests;
    expect(await verifier.verifyUserToken(rs)).toEqual({
      userId: 'u1',
      roles: ['accountant'],
      employeeId: null,
    });
    expect(await verifier.verifyUserToken(es)).toEqual({
      userId: 'u2',
      roles: ['it_agent'],
      employeeId: 'e2',
    });
    expect(await verifier.verifyUserToken(rs)).toMatchObject({ userId: 'u1' });
    expect(requests - before).toBe(1);
  });

  it('refuses a key the provider does not publish', async () => {
    const other = await generateKeyPair('RS256');
    const token = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(other.privateKey);
    await refusal(createUserTokenVerifier(jwksConfig()).verifyUserToken(token));
  });

  it('refuses algorithm confusion: an HS256 token keyed with the public RSA key', async () => {
    const pem = await exportSPKI(rsa.publicKey);
    const token = await new SignJWT({ sub: 'u1', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(pem));
    const refused = await refusal(createUserTokenVerifier(jwksConfig()).verifyUserToken(token));
    expect(refused.message).toMatch(/algorithm "HS256" is not accepted/);
  });

  it('refuses an RS256 token when only a secret is configured', async () => {
    const token = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(rsa.privateKey);
    await refusal(createUserTokenVerifier(hsConfig).verifyUserToken(token));
  });

  it('says so when the identity provider cannot be reached', async () => {
    const down = createUserTokenVerifier({ ...jwksConfig(), jwksUrl: 'http://127.0.0.1:1/jwks.json' });
    const token = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(rsa.privateKey);
    expect((await refusal(down.verifyUserToken(token))).message).toMatch(/could not be loaded/);
  });
});

describe('token lifetime (JWT_MAX_TTL) and HS256 beside a JWKS', () => {
  const sign = (claims: JWTPayload, alg = 'HS256') =>
    new SignJWT(claims).setProtectedHeader({ alg }).sign(key);

  it('refuses a token without iat, even a short-lived one', async () => {
    const token = await sign({ sub: 'u1', roles: ['admin'], exp: now() + 60 });
    expect((await refusal(createUserTokenVerifier(hsConfig).verifyUserToken(token))).message).toMatch(
      /"iat"/,
    );
  });

  it('refuses iat in the future beyond the clock skew, accepts a few seconds of skew', async () => {
    const verifier = createUserTokenVerifier(hsConfig);
    const ahead = await sign({ sub: 'u1', iat: now() + 120, exp: now() + 600 });
    expect((await refusal(verifier.verifyUserToken(ahead))).message).toMatch(/issued in the future|iat/);
    const skewed = await sign({ sub: 'u1', iat: now() + 2, exp: now() + 600 });
    expect(await verifier.verifyUserToken(skewed)).toMatchObject({ userId: 'u1' });
  });

  it('refuses a token living longer than 12 h by default, and longer than JWT_MAX_TTL when set', async () => {
    const iat = now() - 10;
    const long = await sign({ sub: 'u1', roles: ['admin'], iat, exp: iat + 12 * 3600 + 1 });
    const refused = await refusal(createUserTokenVerifier(hsConfig).verifyUserToken(long));
    expect(refused.message).toMatch(/longer than this gateway allows \(JWT_MAX_TTL, 12 h\)/);
    const day = await sign({ sub: 'u1', iat, exp: iat + 12 * 3600 });
    expect(await createUserTokenVerifier(hsConfig).verifyUserToken(day)).toMatchObject({ userId: 'u1' });
    const hour = createUserTokenVerifier({ ...hsConfig, maxTtlSeconds: 3600 });
    await refusal(hour.verifyUserToken(await sign({ sub: 'u1', iat, exp: iat + 7200 })));
    expect(await hour.verifyUserToken(await sign({ sub: 'u1', iat, exp: iat + 3600 }))).toMatchObject({
      userId: 'u1',
    });
  });

  it('refuses an old iat with a far exp: the lifetime counts from iat, not from now', async () => {
    const iat = now() - 11 * 3600;
    const stretched = await sign({ sub: 'u1', iat, exp: now() + 2 * 3600 });
    await refusal(createUserTokenVerifier(hsConfig).verifyUserToken(stretched));
  });

  it('refuses HS256 when a JWKS is configured, even with the secret in the config', async () => {
    const both = createUserTokenVerifier({ ...hsConfig, jwksUrl: 'https://idp.invalid/jwks.json' });
    const token = await sign({ sub: 'u1', roles: ['admin'], iat: now(), exp: now() + 60 });
    expect((await refusal(both.verifyUserToken(token))).message).toMatch(/algorithm "HS256" is not accepted/);
  });
});
