import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import {
  createKeyring,
  generateSigningKey,
  type HeaderBag,
  type Identity,
  NonceWindow,
  parseTrustedKeys,
  verifyForwardedIdentity,
} from '@backoffice/kit';
import { SignJWT } from 'jose';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';
import { type RunningGateway, startGateway } from '../src/server.js';
import { startTestSubgraph, type TestSubgraph } from './support/subgraph.js';
import { composeTestSupergraph } from './support/supergraph.js';

// Real keys, as outside dev mode: the gateway signs with its own; the subgraphs here trust only it.
const GATEWAY_KEY = generateSigningKey();
const TRUSTED_KEYS = JSON.stringify({ gateway: [GATEWAY_KEY.publicKey] });
const subgraphView = createKeyring('hr', generateSigningKey().signingKey, parseTrustedKeys(TRUSTED_KEYS));
const nonces = new NonceWindow();

/** What a subgraph named `audience` makes of the identity headers it received with `body`. */
function verified(
  headers: HeaderBag,
  audience: string,
  body: string | undefined,
  method = 'POST',
  path = '/graphql',
) {
  return verifyForwardedIdentity(headers, { audience, method, path, body }, subgraphView, nonces);
}
const JWT_SECRET = 'integration-test-jwt-secret-of-enough-length';
/** After the kit's common header (federation link, scalars, PageInfo), as a service's own SDL is. */
const HR_SDL = `type Query { employee(id: ID!): Employee }
type Employee @key(fields: "id") { id: ID! givenName: String! manager: Employee }`;

const DOCUMENTS_SDL = `type Query { document(id: ID!): Document failing: String }
type Document { id: ID! title: String! }
type Employee @key(fields: "id") { id: ID! documents: [Document!]! }`;

/** GET|POST /documents/:id/content on the documents subgraph: echoes what it received. */
function documentContentRoute(req: IncomingMessage, res: ServerResponse): boolean {
  if (!req.url?.startsWith('/documents/')) return false;
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
  });
  req.on('end', () => {
    const method = req.method ?? 'GET';
    const identity = verified(req.headers, 'documents', method === 'GET' ? '' : undefined, method, req.url);
    res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' });
    res.end(
      JSON.stringify({
        method: req.method,
        url: req.url,
        identity: identity.ok ? identity.identity : identity.reason,
        authorization: req.headers.authorization ?? null,
        requestId: req.headers['x-request-id'] ?? null,
        bodyBytes: size,
      }),
    );
  });
  return true;
}

let hr: TestSubgraph;
let documents: TestSubgraph;
let gateway: RunningGateway;
let composed: ReturnType<typeof composeTestSupergraph> | undefined;

async function token(claims: Record<string, unknown>, secret = JWT_SECRET): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
}

async function graphql(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

beforeAll(async () => {
  hr = await startTestSubgraph({
    sdl: HR_SDL,
    resolvers: {
      Query: { employee: (_: unknown, { id }: { id: string }) => ({ id, givenName: 'Ada' }) },
      Employee: {
        __resolveReference: ({ id }: { id: string }) => ({ id, givenName: 'Ada' }),
        manager: () => null,
      },
    },
  });
  documents = await startTestSubgraph({
    sdl: DOCUMENTS_SDL,
    route: documentContentRoute,
    resolvers: {
      Query: {
        document: (_: unknown, { id }: { id: string }) => ({ id, title: 'Policy' }),
        failing: () => {
          throw new Error('relation "secret_table" does not exist (db.internal:5432)');
        },
      },
      Employee: { documents: ({ id }: { id: string }) => [{ id: `doc-${id}`, title: `Contract of ${id}` }] },
    },
  });

  // Composed from SDL files laid out like the repository, with the subgraphs' real URLs.
  composed = composeTestSupergraph({ hr: HR_SDL, documents: DOCUMENTS_SDL });
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    JWT_SECRET,
    SIGNING_KEY: GATEWAY_KEY.signingKey,
    TRUSTED_KEYS,
    MAX_BODY_BYTES: String(128 * 1024),
    SUPERGRAPH_PATH: composed.supergraphPath,
  });
  gateway = await startGateway({ ...config, subgraphUrls: { hr: hr.url, documents: documents.url } });
});

afterAll(async () => {
  await gateway?.stop();
  await hr?.stop();
  await documents?.stop();
  composed?.remove();
});

describe('gateway', () => {
  it('answers a federated query and forwards a signed identity to every subgraph', async () => {
    for (const subgraph of [hr, documents]) {
      subgraph.received.length = 0;
      subgraph.bodies.length = 0;
    }
    const jwt = await token({ sub: 'user-1', roles: ['hr', 'employee'], employeeId: 'emp-1' });
    const { status, body } = await graphql(
      'query Staff { employee(id: "e1") { givenName documents { title } } }',
      {
        authorization: `Bearer ${jwt}`,
        'idempotency-key': 'key-123',
        'x-request-id': 'req-abc',
        // A client cannot smuggle its own identity in.
        'x-backoffice-identity': 'forged',
      },
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { employee: { givenName: 'Ada', documents: [{ title: 'Contract of e1' }] } },
    });

    const expected: Identity = { userId: 'user-1', roles: ['hr', 'employee'], employeeId: 'emp-1' };
    for (const [name, subgraph] of [
      ['hr', hr],
      ['documents', documents],
    ] as const) {
      expect(subgraph.received).toHaveLength(1);
      const headers = subgraph.received[0];
      // Addressed to that subgraph, about that body, good once; what the client sent is not in it.
      expect(verified(headers, name, subgraph.bodies[0])).toEqual({ ok: true, identity: expected });
      expect(verified(headers, name, subgraph.bodies[0])).toEqual({ ok: false, reason: 'replayed' });
      expect(headers['x-backoffice-caller']).toBeUndefined();
      expect(headers['idempotency-key']).toBe('key-123');
      expect(headers['x-request-id']).toBe('req-abc');
      expect(headers.authorization).toBeUndefined();
    }
  });

  it('forwards an anonymous identity without a token', async () => {
    hr.received.length = 0;
    hr.bodies.length = 0;
    const { body } = await graphql('{ employee(id: "e2") { id } }');
    expect(body.data).toEqual({ employee: { id: 'e2' } });
    expect(verified(hr.received[0], 'hr', hr.bodies[0])).toEqual({
      ok: true,
      identity: { userId: null, roles: [], employeeId: null },
    });
  });

  it('answers UNAUTHENTICATED for an invalid token', async () => {
    const forged = await token({ sub: 'user-1', roles: ['admin'] }, 'not-the-secret-not-the-secret-not-the');
    const { status, body } = await graphql('{ employee(id: "e1") { id } }', {
      authorization: `Bearer ${forged}`,
    });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0].message).toMatch(/signature/);
    const unknownRole = await token({ sub: 'user-1', roles: ['root'] });
    expect(
      (await graphql('{ __typename }', { authorization: `Bearer ${unknownRole}` })).body.errors?.[0]
        .extensions.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('rejects an alias bomb and a too-deep query with BAD_USER_INPUT', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: employee(id: "${i}") { id }`).join(' ');
    const bomb = await graphql(`{ ${aliases} }`);
    expect(bomb.status).toBe(400);
    expect(bomb.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'MAX_ALIASES' });

    const deep = `{ employee(id: "1") { ${'manager { '.repeat(11)}id${' }'.repeat(11)} } }`;
    const tooDeep = await graphql(deep);
    expect(tooDeep.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_DEPTH' });
    expect(tooDeep.body.errors?.[0].message).toMatch(/13 levels deep; the limit is 12/);
  });

  it('refuses documents over MAX_TOKENS', async () => {
    const { status, body } = await graphql(`{ ${'__typename '.repeat(5001)}}`);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0].message).toMatch(/5000 tokens/);
  });

  it('hides internal error details from clients', async () => {
    const { body } = await graphql('{ failing }', { authorization: `Bearer ${await token({ sub: 'u' })}` });
    expect(body.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(body)).not.toMatch(/secret_table|db\.internal|127\.0\.0\.1|stacktrace/);
  });

  it('keeps CSRF prevention on', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(400);
  });

  it('answers 413 for a body over MAX_BODY_BYTES, declared or streamed', async () => {
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(200 * 1024) } });
    const declared = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as any).errors[0].message).toMatch(/MAX_BODY_BYTES/);

    const streamed = await request(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Readable.from([Buffer.from(big.slice(0, 100 * 1024)), Buffer.from(big.slice(100 * 1024))]),
    });
    expect(streamed.statusCode).toBe(413);
    await streamed.body.dump();
  });

  it('serves /health and /ready, naming each subgraph', async () => {
    const health = await fetch(`${gateway.origin}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const ready = await fetch(`${gateway.origin}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      supergraph: 'loaded',
      subgraphs: { hr: 'up', documents: 'up' },
    });

    documents.health = 'down';
    try {
      const degraded = await fetch(`${gateway.origin}/ready`);
      expect(degraded.status).toBe(200);
      expect(await degraded.json()).toMatchObject({
        status: 'degraded',
        subgraphs: { hr: 'up', documents: 'down' },
      });
    } finally {
      documents.health = 'up';
    }

    documents.health = 'down';
    hr.health = 'hang';
    try {
      const notReady = await fetch(`${gateway.origin}/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({
        status: 'not_ready',
        subgraphs: { hr: 'timeout', documents: 'down' },
      });
    } finally {
      documents.health = 'up';
      hr.health = 'up';
    }
  });

  it('passes /documents/* through to the documents subgraph with the verified identity', async () => {
    const jwt = await token({ sub: 'user-7', roles: ['employee'], employeeId: 'emp-7' });
    const response = await fetch(`${gateway.origin}/documents/d1/content?version=2`, {
      headers: {
        authorization: `Bearer ${jwt}`,
        'x-backoffice-identity': 'forged',
        'x-backoffice-identity-signature': 'forged',
        'x-request-id': 'req-doc',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(await response.json()).toEqual({
      method: 'GET',
      url: '/documents/d1/content?version=2',
      identity: { userId: 'user-7', roles: ['employee'], employeeId: 'emp-7' },
      authorization: null,
      requestId: 'req-doc',
      bodyBytes: 0,
    });

    const upload = await fetch(`${gateway.origin}/documents/d1/content`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(300 * 1024, 1),
    });
    expect(await upload.json()).toMatchObject({ method: 'PUT', bodyBytes: 300 * 1024 });
  });

  it('answers 401 on a passthrough route with an invalid token, and keeps dot segments out', async () => {
    const response = await fetch(`${gateway.origin}/documents/d1/content`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    // Resolves to the gateway's own /health, never to a path outside /documents/ on the subgraph.
    const sneaky = await request(`${gateway.origin}/documents/%2e%2e/health`, { method: 'GET' });
    expect(await sneaky.body.json()).toEqual({ status: 'ok' });
  });
});
