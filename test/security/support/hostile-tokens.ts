import { generateKeyPair, SignJWT } from 'jose';
import { mintToken } from '@backoffice/testkit';
import type { Role } from '@backoffice/kit';
import { check, type SecurityCase } from './cases.js';
import { bearer, codes, post } from './hostile-requests.js';

/**
 * User tokens the gateway must refuse with 401 UNAUTHENTICATED: expired, unsigned, wrongly signed,
 * ill-formed, or changed after signing (`employeeToken`, a good token to tamper with).
 */
export async function badTokenCases(
  gatewayUrl: string,
  jwtSecret: string,
  employeeToken: string,
): Promise<SecurityCase[]> {
  const now = Math.floor(Date.now() / 1000);
  const secret = new TextEncoder().encode(jwtSecret);
  const sign = (claims: Record<string, unknown>, key = secret, alg = 'HS256') =>
    new SignJWT(claims).setProtectedHeader({ alg }).sign(key as Uint8Array);
  const { privateKey } = await generateKeyPair('RS256');
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
    JSON.stringify({ sub: 'x', roles: ['admin'], exp: now + 600 }),
  ).toString('base64url')}.`;
  const bad: [string, string][] = [
    ['expired', await sign({ sub: 'x', roles: ['hr'], exp: now - 60 })],
    ['not yet valid', await sign({ sub: 'x', roles: ['hr'], exp: now + 600, nbf: now + 300 })],
    ['alg none', unsigned],
    [
      'wrong key',
      await sign(
        { sub: 'x', roles: ['admin'], exp: now + 600 },
        new TextEncoder().encode('another-secret-of-enough-length-here'),
      ),
    ],
    [
      'RS256 with only a secret configured',
      await new SignJWT({ sub: 'x', roles: ['admin'], exp: now + 600 })
        .setProtectedHeader({ alg: 'RS256' })
        .sign(privateKey),
    ],
    ['HS512', await sign({ sub: 'x', roles: ['admin'], exp: now + 600 }, secret, 'HS512')],
    ['unknown role', await sign({ sub: 'x', roles: ['root'], exp: now + 600 })],
    ['roles not a list', await sign({ sub: 'x', roles: 'admin', exp: now + 600 })],
    ['no sub', await sign({ roles: ['admin'], exp: now + 600 })],
    ['no exp', await sign({ sub: 'x', roles: ['admin'] })],
    [
      'payload changed after signing',
      employeeToken.replace(
        /\.[^.]+\./,
        `.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], exp: now + 600 })).toString('base64url')}.`,
      ),
    ],
    ['garbage', 'not-a-jwt'],
  ];
  const cases: SecurityCase[] = bad.map(([name, jwt]) => ({
    name: `token: ${name}`,
    async run() {
      const a = await post(gatewayUrl, { query: '{ departments { id } }' }, bearer(jwt));
      check(
        a.status === 401 && codes(a)[0] === 'UNAUTHENTICATED',
        `HTTP ${a.status}: ${a.text.slice(0, 160)}`,
      );
    },
  }));
  cases.push({
    name: 'token: Basic scheme',
    async run() {
      const a = await post(gatewayUrl, { query: '{ departments { id } }' }, { authorization: 'Basic YTpi' });
      check(a.status === 401, `HTTP ${a.status}`);
    },
  });
  return cases;
}

/**
 * One token per caller (subject, roles, employee), minted once: a case is about what a role may do,
 * not about a fresh token. Minting one per case, each verified anew by the gateway, made the role
 * sweep (over a thousand requests) outrun its budget on a loaded machine (two CI-like runs).
 */
export function tokenMinter(options: Parameters<typeof mintToken>[1]) {
  const minted = new Map<string, Promise<string>>();
  const tokens: string[] = [];
  function token(
    roles: Role[],
    employeeId?: string,
    sub = `sec-${roles.join('-') || 'none'}`,
  ): Promise<string> {
    const key = JSON.stringify([sub, roles, employeeId ?? null]);
    let known = minted.get(key);
    if (!known) {
      known = mintToken({ sub, roles, employeeId }, options).then((t) => {
        tokens.push(t);
        return t;
      });
      minted.set(key, known);
    }
    return known;
  }
  return { token, tokens };
}
