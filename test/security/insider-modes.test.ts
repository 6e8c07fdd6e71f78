import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import {
  DEV_JWT_SECRET,
  devSigningKey,
  devTrustedKeys,
  generateSigningKey,
  PRINCIPALS,
  type Principal,
} from '@backoffice/kit';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/src/config.js';
import { type RunningGateway, startGateway } from '../../gateway/src/server.js';
import { generateGatewayKeys, mintToken } from '@backoffice/testkit';
import { startMain as start } from './support/start-main.js';

/**
 * Insider suite, modes and tokens: what someone who reads the repository (its dev keys, its example
 * secrets, its docs) tries against a deployment whose operator forgot a setting, or against the
 * gateway's token checks. Processes are started as operators start them (the subgraph's and the
 * gateway's main.ts, with exactly the environment given) and must refuse to start; the gateway runs
 * as production runs it and must refuse the tokens. Each get-around is one attempt, counted and printed.
 */
const STRONG = () => randomBytes(48).toString('base64');
const EXAMPLE_SECRET = 'change-me-at-least-32-random-characters'; // infra/k8s/secrets.example.yaml
const ISSUER = 'https://idp.insider-modes.test';
const AUDIENCE = 'backoffice-insider-modes';
const attempts: string[] = [];
const gotThrough: string[] = [];

function tried(name: string, blocked: boolean, detail = ''): void {
  attempts.push(name);
  if (!blocked) gotThrough.push(name);
  expect(blocked, `${name} got through ${detail}`).toBe(true);
}

afterAll(() => {
  console.log(
    `insider suite (modes): tried ${attempts.length} bypasses, ${gotThrough.length} got through` +
      (gotThrough.length ? `: ${gotThrough.join('; ')}` : ''),
  );
});

const SUBGRAPH = 'services/it/src/main.ts';
const GATEWAY = 'gateway/src/main.ts';
// Ports nobody uses: a process that wrongly starts must not collide with the other suites.
const ports = { IT_PORT: '1', GATEWAY_PORT: '1' };

/** Every process's key pair, as `pnpm keys:generate` makes them, and the TRUSTED_KEYS listing them all. */
const PAIRS = new Map(PRINCIPALS.map((p) => [p as Principal, generateSigningKey()]));
const pair = (p: Principal) => PAIRS.get(p) as ReturnType<typeof generateSigningKey>;
const TRUSTED_KEYS = JSON.stringify(Object.fromEntries([...PAIRS].map(([p, k]) => [p, [k.publicKey]])));
/** What an operator who did everything right gives each process: its own key and everyone's public keys. */
const keysOf = (p: Principal) => ({ SIGNING_KEY: pair(p).signingKey, TRUSTED_KEYS });
/** The gateway's dev public key next to its real one: anyone who reads the repo could sign identities. */
const TRUSTED_WITH_DEV_GATEWAY = JSON.stringify({
  ...JSON.parse(TRUSTED_KEYS),
  gateway: [pair('gateway').publicKey, ...(devTrustedKeys(['gateway']).get('gateway') ?? [])],
});
const PRODUCTION_JWT = { JWT_SECRET: STRONG(), JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE };
/** The k8s example's signing key for `it` (infra/k8s/secrets.example.yaml). */
const EXAMPLE_SIGNING_KEY = 'change-me-with-the-it-key-from-pnpm-keys-generate';

describe('processes refuse to start on dev keys or weak secrets', { timeout: 120_000 }, () => {
  const missing =
    /SIGNING_KEY and TRUSTED_KEYS \(or the _FILE variant\) required outside dev mode.*BACKOFFICE_DEV=1/;
  const devSigning = /SIGNING_KEY: a dev key .*accepted only with BACKOFFICE_DEV=1/;
  const cases: [name: string, main: string, env: Record<string, string>, expected: RegExp][] = [
    ['subgraph, NODE_ENV unset, no keys (the dev keys would stand in)', SUBGRAPH, {}, missing],
    ['subgraph, NODE_ENV=development alone', SUBGRAPH, { NODE_ENV: 'development' }, missing],
    [
      'subgraph, NODE_ENV unset, TRUSTED_KEYS but no SIGNING_KEY (its dev key would sign)',
      SUBGRAPH,
      { TRUSTED_KEYS },
      /SIGNING_KEY \(or the _FILE variant\) required outside dev mode/,
    ],
    [
      'subgraph, its dev signing key set by hand, NODE_ENV unset',
      SUBGRAPH,
      { ...keysOf('it'), SIGNING_KEY: devSigningKey('it') },
      devSigning,
    ],
    [
      'subgraph, production with its dev signing key',
      SUBGRAPH,
      { NODE_ENV: 'production', ...keysOf('it'), SIGNING_KEY: devSigningKey('it') },
      devSigning,
    ],
    [
      "subgraph, production with TRUSTED_KEYS listing the gateway's dev key",
      SUBGRAPH,
      { NODE_ENV: 'production', ...keysOf('it'), TRUSTED_KEYS: TRUSTED_WITH_DEV_GATEWAY },
      /TRUSTED_KEYS.gateway: a dev key is accepted only with BACKOFFICE_DEV=1/,
    ],
    [
      'subgraph, production with the k8s example signing key',
      SUBGRAPH,
      { NODE_ENV: 'production', ...keysOf('it'), SIGNING_KEY: EXAMPLE_SIGNING_KEY },
      /SIGNING_KEY: expected a 32-byte Ed25519 key/,
    ],
    [
      'subgraph, production with a 16-byte key',
      SUBGRAPH,
      { NODE_ENV: 'production', ...keysOf('it'), SIGNING_KEY: randomBytes(16).toString('base64url') },
      /SIGNING_KEY: expected a 32-byte Ed25519 key/,
    ],
    [
      'subgraph, production with a typed 32-character key',
      SUBGRAPH,
      {
        NODE_ENV: 'production',
        ...keysOf('it'),
        SIGNING_KEY: Buffer.from('it-service-signing-key-2024-abc!').toString('base64url'),
      },
      /SIGNING_KEY: the key is printable text/,
    ],
    [
      "subgraph, production with hr's key in it's place",
      SUBGRAPH,
      { NODE_ENV: 'production', ...keysOf('hr') },
      /SIGNING_KEY: its public key is not among TRUSTED_KEYS.it/,
    ],
    [
      'subgraph, BACKOFFICE_DEV=1 smuggled into production',
      SUBGRAPH,
      { NODE_ENV: 'production', BACKOFFICE_DEV: '1', ...keysOf('it') },
      /dev mode is never production/,
    ],
    ['gateway, NODE_ENV unset, no keys', GATEWAY, {}, missing],
    [
      'gateway, NODE_ENV unset, a real signing key but the dev JWT secret',
      GATEWAY,
      { ...keysOf('gateway'), JWT_SECRET: DEV_JWT_SECRET },
      /dev secret is accepted only with BACKOFFICE_DEV=1/,
    ],
    [
      'gateway, production without JWT_ISSUER/JWT_AUDIENCE',
      GATEWAY,
      { NODE_ENV: 'production', ...keysOf('gateway'), JWT_SECRET: STRONG() },
      /JWT_ISSUER and JWT_AUDIENCE are required/,
    ],
    [
      'gateway, production with the k8s example JWT secret',
      GATEWAY,
      { NODE_ENV: 'production', ...keysOf('gateway'), ...PRODUCTION_JWT, JWT_SECRET: EXAMPLE_SECRET },
      /JWT_SECRET: /,
    ],
    [
      'gateway, production with its dev signing key',
      GATEWAY,
      {
        NODE_ENV: 'production',
        ...keysOf('gateway'),
        ...PRODUCTION_JWT,
        SIGNING_KEY: devSigningKey('gateway'),
      },
      devSigning,
    ],
    [
      "gateway, production with a service's key (documents') in its place",
      GATEWAY,
      { NODE_ENV: 'production', ...keysOf('documents'), ...PRODUCTION_JWT },
      /SIGNING_KEY: its public key is not among TRUSTED_KEYS.gateway/,
    ],
  ];

  it.each(cases)('%s', async (name, main, env, expected) => {
    const { code, started, output } = await start(main, { ...ports, ...env });
    tried(name, !started && code !== null && code !== 0 && expected.test(output), output.slice(-400));
  });
});

/** A production gateway in front of no subgraph: token checks answer before any subgraph is asked. */
async function productionGateway(extra: Record<string, string>): Promise<RunningGateway> {
  return startGateway(
    loadGatewayConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      GATEWAY_PORT: '0',
      GATEWAY_METRICS_PORT: '0',
      GATEWAY_HOST: '127.0.0.1',
      ...generateGatewayKeys().env,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      ...extra,
    }),
  );
}

async function ask(url: string, token: string | null, query = '{ __typename }') {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { data?: any; errors?: any[] } };
}

describe('a production gateway refuses tokens that live too long or name no one', { timeout: 60_000 }, () => {
  const secret = STRONG();
  const key = new TextEncoder().encode(secret);
  let hs: RunningGateway;
  let withJwks: RunningGateway;
  let jwksServer: Server;
  let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
  const now = () => Math.floor(Date.now() / 1000);
  const hs256 = (claims: JWTPayload) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);
  const good = { sub: 'insider', roles: ['admin'], iss: ISSUER, aud: AUDIENCE };

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    hs = await productionGateway({ JWT_SECRET: secret });
    // Production wants https for a JWKS; the gateway reads the config as given, so the test builds it
    // in development form and flips the mode: the same verifier code runs.
    const config = loadGatewayConfig({
      BACKOFFICE_DEV: '1',
      LOG_LEVEL: 'silent',
      GATEWAY_PORT: '0',
      GATEWAY_HOST: '127.0.0.1',
      JWT_SECRET: secret,
      JWT_JWKS_URL: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
    });
    withJwks = await startGateway({ ...config, mode: 'production' });
  });
  afterAll(async () => {
    await hs?.stop();
    await withJwks?.stop();
    jwksServer?.close();
  });

  it('lets a proper token in (the control: the refusals below are about the token, not the setup)', async () => {
    const ok = await ask(hs.url, await hs256({ ...good, iat: now(), exp: now() + 3600 }));
    expect(ok.body.data?.__typename, ok.text).toBe('Query');
    const rs = await new SignJWT({ ...good, iat: now(), exp: now() + 600 })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .sign(rsa.privateKey);
    const viaJwks = await ask(withJwks.url, rs);
    expect(viaJwks.body.data?.__typename, viaJwks.text).toBe('Query');
  });

  const refusals: [string, () => Promise<string>, RegExp, () => RunningGateway][] = [
    [
      'a token living a month',
      () => hs256({ ...good, iat: now(), exp: now() + 30 * 86_400 }),
      /JWT_MAX_TTL/,
      () => hs,
    ],
    [
      'a token living 12 h and a minute',
      () => hs256({ ...good, iat: now(), exp: now() + 12 * 3600 + 60 }),
      /JWT_MAX_TTL/,
      () => hs,
    ],
    ['a token without iat', () => hs256({ ...good, exp: now() + 600 }), /"iat"/, () => hs],
    [
      'a token issued tomorrow',
      () => hs256({ ...good, iat: now() + 86_400, exp: now() + 86_400 + 60 }),
      /iat|future/,
      () => hs,
    ],
    [
      'a token without iss',
      () => hs256({ ...good, iss: undefined, iat: now(), exp: now() + 600 }),
      /iss|issuer/,
      () => hs,
    ],
    [
      'a token without aud',
      () => hs256({ ...good, aud: undefined, iat: now(), exp: now() + 600 }),
      /aud/,
      () => hs,
    ],
    [
      'a token for another audience',
      () => hs256({ ...good, aud: 'payroll-app', iat: now(), exp: now() + 600 }),
      /aud/,
      () => hs,
    ],
    [
      'a token signed with the repo dev secret',
      () =>
        new SignJWT({ ...good, iat: now(), exp: now() + 600 })
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(DEV_JWT_SECRET)),
      /signature/,
      () => hs,
    ],
    [
      'an HS256 token with the real JWT_SECRET while a JWKS is configured',
      () => hs256({ ...good, iat: now(), exp: now() + 600 }),
      /HS256/,
      () => withJwks,
    ],
    [
      'a JWKS token living a month',
      () =>
        new SignJWT({ ...good, iat: now(), exp: now() + 30 * 86_400 })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .sign(rsa.privateKey),
      /JWT_MAX_TTL/,
      () => withJwks,
    ],
  ];

  it.each(refusals)('refuses %s', async (name, token, message, gateway) => {
    const answer = await ask(gateway().url, await token());
    const error = answer.body.errors?.[0];
    tried(
      name,
      error?.extensions?.code === 'UNAUTHENTICATED' && message.test(error.message),
      answer.text.slice(0, 200),
    );
    expect(answer.body.data ?? null).toBeNull();
  });

  it('mintToken, as pnpm token and the seed use it, will not make a token the gateway refuses', async () => {
    const refused = await mintToken({ sub: 'x', roles: ['admin'] }, { secret, ttl: '30d' }).catch(
      (e: Error) => e,
    );
    tried('minting a 30-day token', refused instanceof Error && /JWT_MAX_TTL/.test(refused.message));
  });

  it('has no dev login in production, not even from this machine', async () => {
    const res = await fetch(new URL('/console/dev-login', hs.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"roles":["admin"]}',
    });
    tried('dev login on a production gateway', res.status === 404 && !(await res.text()).includes('token'));
  });
});

describe('a gateway whose operator forgot NODE_ENV (keys set, no dev mode)', { timeout: 60_000 }, () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway(
      loadGatewayConfig({
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        ...generateGatewayKeys().env,
        JWT_SECRET: STRONG(),
      }),
    );
  });
  afterAll(() => gateway?.stop());

  it('has no dev login', async () => {
    const res = await fetch(new URL('/console/dev-login', gateway.url), {
      method: 'POST',
      body: '{"roles":["admin"]}',
    });
    tried('dev login with NODE_ENV unset', res.status === 404);
  });

  it('answers errors without stack traces or schema suggestions', async () => {
    const answer = await ask(gateway.url, null, '{ departmnts { id } }');
    tried(
      'error details with NODE_ENV unset',
      !/stacktrace|exception|at .*\.ts:\d+|did you mean/i.test(answer.text),
      answer.text.slice(0, 300),
    );
  });

  it('listens on loopback only: not reachable on this machine’s other addresses', async () => {
    const { port } = new URL(gateway.url);
    const other = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!other) return; // no other interface on this host: nothing to reach it through
    const reached = await new Promise<boolean>((resolve) => {
      const req = request({ host: other, port, path: '/health', timeout: 2_000 }, () => resolve(true));
      req.on('error', () => resolve(false));
      req.on('timeout', () => {
        req.destroy();
        resolve(false);
      });
      req.end();
    });
    tried(`reaching the gateway on ${other}`, !reached);
  });
});
