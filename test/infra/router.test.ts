import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyIdentity } from '@backoffice/kit';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { identityFromClaims, signSubgraphRequest } from '../../infra/router/coprocessor.js';

const ROOT = join(import.meta.dirname, '..', '..');
const router = parse(readFileSync(join(ROOT, 'infra', 'router', 'router.yaml'), 'utf8'));

describe('infra/router', () => {
  it('routes every subgraph of the supergraph to its Service on the contract port', () => {
    const supergraph = readFileSync(join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
    const names = [...supergraph.matchAll(/join__graph\(name: "(\w+)"/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names)
      expect(router.override_subgraph_url[name]).toMatch(
        new RegExp(`^http://backoffice-${name}:400[1-5]/graphql$`),
      );
    expect(router.supergraph.listen).toBe('0.0.0.0:4000');
  });

  it('sets depth, alias and body-size limits', () => {
    expect(router.limits.max_depth).toBeGreaterThan(0);
    expect(router.limits.max_aliases).toBeGreaterThan(0);
    expect(router.limits.http_max_request_bytes).toBe(8 * 1024 * 1024);
  });

  it('propagates the signed identity headers, the request id and the idempotency key', () => {
    const propagated = router.headers.all.request.map(
      (r: { propagate: { named: string } }) => r.propagate.named,
    );
    for (const h of [
      'x-backoffice-identity',
      'x-backoffice-identity-time',
      'x-backoffice-identity-signature',
      'x-request-id',
      'idempotency-key',
    ])
      expect(propagated).toContain(h);
    expect(router.coprocessor.subgraph.all.request).toMatchObject({ headers: true, context: true });
    expect(readFileSync(join(ROOT, 'infra', 'router', router.rhai.main), 'utf8')).toContain(
      'request.headers.remove("x-backoffice-identity-signature")',
    );
  });

  it('the coprocessor outline signs identities the subgraphs accept, and nothing for forged roles', () => {
    const key = 'router-test-signing-key-0123456789';
    const answer = signSubgraphRequest(
      {
        version: 1,
        stage: 'SubgraphRequest',
        control: 'continue',
        headers: { 'x-backoffice-identity': ['forged'] },
        context: {
          entries: {
            'apollo::authentication::jwt_claims': { sub: 'u1', roles: ['hr', 'root'], employeeId: 'e1' },
          },
        },
      },
      key,
    );
    const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k, v[0]]));
    expect(verifyIdentity(headers, key)).toEqual({
      ok: true,
      identity: { userId: 'u1', roles: ['hr'], employeeId: 'e1' },
    });
    expect(identityFromClaims(undefined).userId).toBeNull();
    // Signed with the kit's HMAC, not some other scheme.
    const mac = createHmac('sha256', key).update(
      `${headers['x-backoffice-identity-time']}.${headers['x-backoffice-identity']}`,
    );
    expect(headers['x-backoffice-identity-signature']).toBe(mac.digest('base64url'));
  });
});
