import { createKeyring, generateSigningKey, IDENTITY_SIGNATURE_HEADER, type Identity } from '@backoffice/kit';
import { type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createUserTokenVerifier } from '../../gateway/src/auth/user-token.js';
import { identityOfRouterClaims, signSubgraphRequest } from '../../infra/router/coprocessor.js';

/**
 * The Router path and the Node gateway must make the same caller of the same verified token: the
 * coprocessor once dropped unknown roles, signed a token without `sub` as anonymous and passed an empty
 * `employeeId`, where the gateway refuses all three. Both now read claims with the kit's identityFromClaims.
 */
const SECRET = 'a-test-secret-that-is-at-least-32-characters';
const gateway = createUserTokenVerifier({
  secret: SECRET,
  jwksUrl: null,
  issuer: null,
  audience: null,
  usingDevSecret: false,
  maxTtlSeconds: 12 * 3600,
});

const token = (claims: JWTPayload) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));

type Verdict = { identity: Identity } | { refused: string };

async function atGateway(claims: JWTPayload): Promise<Verdict> {
  try {
    return { identity: await gateway.verifyUserToken(await token(claims)) };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

function atRouter(claims: JWTPayload): Verdict {
  try {
    return { identity: identityOfRouterClaims(claims) };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

const CLAIMS: [string, JWTPayload][] = [
  ['a user with roles and an employee', { sub: 'u1', roles: ['hr', 'payroll'], employeeId: 'e1' }],
  ['a user without roles', { sub: 'u1' }],
  ['a role named twice', { sub: 'u1', roles: ['hr', 'hr'] }],
  ['a null employeeId', { sub: 'u1', roles: ['employee'], employeeId: null }],
  // Where the two disagreed before:
  ['an unknown role beside a known one', { sub: 'u1', roles: ['hr', 'root'] }],
  ['no sub', { roles: ['admin'] }],
  ['an empty sub', { sub: '', roles: ['admin'] }],
  ['a blank sub', { sub: '  ', roles: ['admin'] }],
  ['roles that are not a list', { sub: 'u1', roles: 'admin' }],
  ['an empty employeeId', { sub: 'u1', roles: ['employee'], employeeId: '' }],
  ['an employeeId that is not text', { sub: 'u1', roles: ['employee'], employeeId: 42 }],
];

describe('the caller of a verified token, on the Router path and at the Node gateway', () => {
  it.each(CLAIMS)('is the same for %s', async (_, claims) => {
    const router = atRouter(claims);
    expect(router).toEqual(await atGateway(claims));
  });

  it('refuses exactly the tokens the gateway refuses', async () => {
    const refused = CLAIMS.filter(([, claims]) => 'refused' in atRouter(claims)).map(([name]) => name);
    expect(refused).toEqual([
      'an unknown role beside a known one',
      'no sub',
      'an empty sub',
      'a blank sub',
      'roles that are not a list',
      'an empty employeeId',
      'an employeeId that is not text',
    ]);
  });

  it('signs a request without a token as anonymous, and signs nothing for a refused token', () => {
    const keyring = createKeyring('gateway', generateSigningKey().signingKey, new Map());
    const stage = (claims: unknown) => ({
      version: 1,
      stage: 'SubgraphRequest',
      control: 'continue',
      serviceName: 'hr',
      uri: 'http://backoffice-hr:4001/graphql',
      body: { query: '{ __typename }' },
      headers: {},
      context: { entries: claims === undefined ? {} : { 'apollo::authentication::jwt_claims': claims } },
    });
    expect(identityOfRouterClaims(undefined)).toEqual({ userId: null, roles: [], employeeId: null });
    expect(signSubgraphRequest(stage(undefined), keyring).control).toBe('continue');

    const refused = signSubgraphRequest(stage({ sub: 'u1', roles: ['root'] }), keyring);
    expect(refused.control).toEqual({ break: 401 });
    expect(refused.headers?.[IDENTITY_SIGNATURE_HEADER]).toBeUndefined();
    expect(refused.body).toEqual({
      errors: [{ message: 'the token names unknown roles: "root"', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });
});
