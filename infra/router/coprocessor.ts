/**
 * OUTLINE (not deployed, not load-tested): the Apollo Router coprocessor that gives subgraphs the
 * identity headers the Node gateway gives them. The Router verifies the user's JWT and puts its
 * claims in the request context (`apollo::authentication::jwt_claims`); for each subgraph request
 * this process signs { sub, roles, employeeId } with INTERNAL_SIGNING_KEY using the kit's own
 * signIdentity, so subgraphs verify it unchanged (and a signature is never older than 30 s).
 *
 *   INTERNAL_SIGNING_KEY=... NODE_ENV=production node --import tsx infra/router/coprocessor.ts   # :4010
 *
 * The key is read with the kit's platformConfig, so the same rules hold as for every process: no dev
 * key without BACKOFFICE_DEV=1, a random key of 32+ bytes in production, loopback unless production.
 *
 * Still to do before production: role filtering identical to gateway/src/auth/user-token.ts (unknown
 * roles dropped), a test against a real Router, and running it as a sidecar of the Router pod so the
 * signing key never crosses the network.
 */
import { createServer } from 'node:http';
import { ANONYMOUS, type Identity, isRole, platformConfig, signIdentity } from '@backoffice/kit';

interface CoprocessorRequest {
  version: number;
  stage: string;
  control: unknown;
  headers?: Record<string, string[]>;
  context?: { entries?: Record<string, unknown> };
  [rest: string]: unknown;
}

export function identityFromClaims(claims: unknown): Identity {
  const c = (claims ?? {}) as { sub?: unknown; roles?: unknown; employeeId?: unknown };
  if (typeof c.sub !== 'string' || c.sub.length === 0) return ANONYMOUS;
  return {
    userId: c.sub,
    roles: Array.isArray(c.roles) ? c.roles.filter(isRole) : [],
    employeeId: typeof c.employeeId === 'string' ? c.employeeId : null,
  };
}

export function signSubgraphRequest(body: CoprocessorRequest, key: string): CoprocessorRequest {
  const claims = body.context?.entries?.['apollo::authentication::jwt_claims'];
  const headers = { ...(body.headers ?? {}) };
  for (const [name, value] of Object.entries(signIdentity(identityFromClaims(claims), key)))
    headers[name] = [value];
  return { ...body, control: 'continue', headers };
}

if (process.argv[1]?.endsWith('coprocessor.ts')) {
  const { internalSigningKey: key, listenHost } = platformConfig(process.env);
  createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CoprocessorRequest;
    const answer = body.stage === 'SubgraphRequest' ? signSubgraphRequest(body, key) : body;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }).listen(Number(process.env.COPROCESSOR_PORT ?? 4010), listenHost);
}
