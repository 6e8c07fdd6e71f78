import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createForwardedIdentityVerifier,
  createKeyring,
  generateSigningKey,
  parseTrustedKeys,
} from '@backoffice/kit';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  coprocessorOptions,
  identityOfRouterClaims,
  ROUTER_SECRET_HEADER,
  startCoprocessor,
} from '../../infra/router/coprocessor.js';

const ROOT = join(import.meta.dirname, '..', '..');
const router = parse(readFileSync(join(ROOT, 'infra', 'router', 'router.yaml'), 'utf8'));

describe('infra/router', () => {
  it('routes every subgraph of the supergraph to its Service on the contract port', () => {
    const supergraph = readFileSync(join(ROOT, 'gateway', 'schema', 'supergraph.graphql'), 'utf8');
    const names = [...supergraph.matchAll(/join__graph\(name: "(\w+)"/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names)
      expect(router.override_subgraph_url[name]).toMatch(
        new RegExp(`^http://backoffice-${name}:400[1-6]/graphql$`),
      );
    expect(router.supergraph.listen).toBe('0.0.0.0:4000');
  });

  it('sets depth, alias and body-size limits', () => {
    expect(router.limits.max_depth).toBeGreaterThan(0);
    expect(router.limits.max_aliases).toBeGreaterThan(0);
    expect(router.limits.http_max_request_bytes).toBe(8 * 1024 * 1024);
  });

  it('never propagates identity headers from clients; gives the coprocessor the secret and the request', () => {
    const rules = router.headers.all.request as Record<
      string,
      { named?: string; name?: string; value?: string }
    >[];
    const propagated = rules.flatMap((r) => (r.propagate?.named ? [r.propagate.named] : []));
    expect(propagated).toEqual(expect.arrayContaining(['x-request-id', 'idempotency-key']));
    expect(propagated.filter((h) => h.startsWith('x-backoffice-identity'))).toEqual([]);
    expect(rules.find((r) => r.insert)?.insert).toEqual({
      name: ROUTER_SECRET_HEADER,
      // The Router's own env expansion, from the variable the coprocessor reads.
      value: ['$', '{env.COPROCESSOR_SECRET}'].join(''),
    });
    expect(new URL(router.coprocessor.url).hostname).toBe('127.0.0.1');
    expect(router.coprocessor.subgraph.all.request).toMatchObject({
      headers: true,
      // Router 2: `true` sends the 1.x key names, which coprocessor.ts does not read.
      context: { selective: ['apollo::authentication::jwt_claims'] },
      body: true,
      uri: true,
      service_name: true,
    });
    const rhai = readFileSync(join(ROOT, 'infra', 'router', router.rhai.main), 'utf8');
    for (const h of ['x-backoffice-identity', 'x-backoffice-identity-signature', ROUTER_SECRET_HEADER])
      expect(rhai).toContain(`request.headers.remove("${h}")`);
  });
});

describe('the identity coprocessor', () => {
  const gatewayKey = generateSigningKey();
  const trusted = parseTrustedKeys(JSON.stringify({ gateway: [gatewayKey.publicKey] }));
  const SECRET = randomBytes(32).toString('base64url');
  /** What hr and accounting believe: the gateway's public key only. */
  const subgraphKeyring = createKeyring('hr', generateSigningKey().signingKey, trusted);
  let coprocessor: Awaited<ReturnType<typeof startCoprocessor>>;

  beforeAll(async () => {
    coprocessor = await startCoprocessor({
      keyring: createKeyring('gateway', gatewayKey.signingKey, trusted),
      secret: SECRET,
      port: 0,
    });
  });
  afterAll(() => new Promise<void>((resolve) => coprocessor.server.close(() => resolve())));

  const subgraphBody = { query: 'query($id: ID!) { employee(id: $id) { id } }', variables: { id: 'e-1' } };
  const stage = (headers: Record<string, string[]>) => ({
    version: 1,
    stage: 'SubgraphRequest',
    control: 'continue',
    serviceName: 'hr',
    uri: 'http://backoffice-hr:4001/graphql',
    method: 'POST',
    body: subgraphBody,
    headers: { 'x-request-id': ['r-1'], 'x-backoffice-identity': ['forged by a client'], ...headers },
    context: {
      entries: {
        'apollo::authentication::jwt_claims': { sub: 'u1', roles: ['hr'], employeeId: 'e1' },
      },
    },
  });
  const call = async (payload: unknown) => {
    const res = await fetch(coprocessor.url, { method: 'POST', body: JSON.stringify(payload) });
    return { status: res.status, text: await res.text() };
  };

  it('listens on loopback by default and needs a secret, a strong one outside dev mode', () => {
    expect(new URL(coprocessor.url).hostname).toBe('127.0.0.1');
    const keys = {
      SIGNING_KEY: gatewayKey.signingKey,
      TRUSTED_KEYS: JSON.stringify({ gateway: [gatewayKey.publicKey] }),
    };
    expect(coprocessorOptions({ ...keys, NODE_ENV: 'production', COPROCESSOR_SECRET: SECRET }).host).toBe(
      '127.0.0.1',
    );
    expect(() => coprocessorOptions({ ...keys, NODE_ENV: 'production' })).toThrow(/COPROCESSOR_SECRET/);
    expect(() =>
      coprocessorOptions({ ...keys, NODE_ENV: 'production', COPROCESSOR_SECRET: 'router-secret' }),
    ).toThrow(/COPROCESSOR_SECRET: use at least 32 bytes/);
    // The gateway's key is needed to sign at all: not the dev key outside dev mode.
    expect(() => coprocessorOptions({ NODE_ENV: 'production', COPROCESSOR_SECRET: SECRET })).toThrow(
      /SIGNING_KEY/,
    );
  });

  it('refuses a call without the router secret or with a wrong one, and signs nothing', async () => {
    for (const headers of [
      {},
      { [ROUTER_SECRET_HEADER]: ['wrong'] },
      { [ROUTER_SECRET_HEADER]: [`${SECRET}x`] },
    ] as Record<string, string[]>[]) {
      const answer = await call(stage(headers));
      expect(answer.status).toBe(401);
      expect(answer.text).not.toContain('x-backoffice-identity-signature');
    }
    // Two secret headers (one the client's) are not one right secret.
    expect((await call(stage({ [ROUTER_SECRET_HEADER]: [SECRET, 'x'] }))).status).toBe(401);
    expect(
      (await call({ ...stage({ [ROUTER_SECRET_HEADER]: [SECRET] }), stage: 'RouterRequest' })).status,
    ).toBe(400);
  });

  it('with the secret, signs a statement that verifies at that subgraph only, once, for that body', async () => {
    const answer = await call(stage({ [ROUTER_SECRET_HEADER]: [SECRET] }));
    expect(answer.status).toBe(200);
    const returned = JSON.parse(answer.text) as { control: string; headers: Record<string, string[]> };
    expect(returned.control).toBe('continue');
    expect(returned.headers[ROUTER_SECRET_HEADER]).toBeUndefined();
    expect(returned.headers['x-request-id']).toEqual(['r-1']);
    const headers = Object.fromEntries(Object.entries(returned.headers).map(([k, v]) => [k, v[0]]));
    // The Router serialises the body itself, in its own key order.
    const sent = JSON.stringify({ variables: subgraphBody.variables, query: subgraphBody.query });
    const at = (audience: string) => createForwardedIdentityVerifier({ audience, keyring: subgraphKeyring });
    expect(at('accounting')(headers, sent)).toEqual({ ok: false, reason: 'audience' });
    expect(at('hr')(headers, sent.replace('e-1', 'e-2'))).toEqual({ ok: false, reason: 'body' });
    expect(at('hr')(headers, sent)).toEqual({
      ok: true,
      identity: { userId: 'u1', roles: ['hr'], employeeId: 'e1' },
    });
    expect(at('hr')(headers, sent)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('signs an anonymous caller as anonymous (the same claims as the gateway: router-identity.test.ts)', () => {
    expect(identityOfRouterClaims(undefined).userId).toBeNull();
  });
});
