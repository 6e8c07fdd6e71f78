import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connection, decodeCursor, generateSigningKey, pageSize } from '@backoffice/kit';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/compose.js';
import { loadGatewayConfig } from '../src/config.js';
import { type RunningGateway, startGateway } from '../src/server.js';
import { startTestSubgraph, type TestSubgraph } from './support/subgraph.js';

/**
 * What standard GraphQL tools expect of the gateway (issue 23): the standard introspection query
 * within the limits, graphql's parse and validation codes, a rate limit that says so, Relay's
 * pageInfo, and errors raised before Apollo in the media type the client accepts. One gateway in
 * test mode with INTROSPECTION=authenticated (production's default) and a small rate limit.
 */
const GATEWAY_KEY = generateSigningKey();
const JWT_SECRET = 'standard-graphql-test-jwt-secret-of-enough-length';
const RATE_LIMIT = 5;
const GRAPHQL_RESPONSE = 'application/graphql-response+json';
/** What a client following GraphQL over HTTP sends. */
const PREFERS_GRAPHQL_RESPONSE = `${GRAPHQL_RESPONSE}, application/json;q=0.9`;

const HR_SDL = `type Query {
  employee(id: ID!): Employee
  employees(first: Int, after: String): EmployeeConnection!
}
type Employee @key(fields: "id") { id: ID! name: String! manager: Employee }
type EmployeeEdge { cursor: String! node: Employee! }
type EmployeeConnection { edges: [EmployeeEdge!]! pageInfo: PageInfo! totalCount: Int! }`;

// The test subgraph's Apollo loads graphql natively (CommonJS, from the kit's location); an error it
// is to recognise as a GraphQLError comes from that same copy, as in a real subgraph process.
const { GraphQLError: SubgraphGraphQLError } = createRequire(
  new URL('../../libs/kit/package.json', import.meta.url),
)('graphql') as typeof import('graphql');

const PEOPLE = ['ada', 'bob', 'cy', 'dee', 'eve'].map((id) => ({ id, name: id.toUpperCase() }));

let hr: TestSubgraph;
let gateway: RunningGateway;
let tmp: string;

async function bearer(sub: string): Promise<Record<string, string>> {
  const jwt = await new SignJWT({ sub, roles: ['employee'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));
  return { authorization: `Bearer ${jwt}` };
}

interface Answer {
  status: number;
  type: string | null;
  headers: Headers;
  body: { data?: any; errors?: any[] };
}

async function post(body: unknown, headers: Record<string, string> = {}, raw = false): Promise<Answer> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    headers: response.headers,
    body: (await response.json()) as Answer['body'],
  };
}

const deepManager = (levels: number) =>
  `employee(id: "ada") { ${'manager { '.repeat(levels)}id${' }'.repeat(levels)} }`;

beforeAll(async () => {
  hr = await startTestSubgraph({
    sdl: HR_SDL,
    resolvers: {
      Query: {
        employee: (_: unknown, { id }: { id: string }) => {
          const person = PEOPLE.find((p) => p.id === id);
          if (!person) {
            throw new SubgraphGraphQLError(`employee ${id} not found`, { extensions: { code: 'NOT_FOUND' } });
          }
          return person;
        },
        employees: (_: unknown, args: { first?: number | null; after?: string | null }) => {
          const first = pageSize(args.first);
          const [key] = decodeCursor(args.after, 1) ?? [];
          const rows = PEOPLE.filter((p) => key === undefined || p.id > String(key)).slice(0, first + 1);
          return connection(rows, first, PEOPLE.length, (p) => [p.id], args.after);
        },
      },
      Employee: {
        __resolveReference: ({ id }: { id: string }) => PEOPLE.find((p) => p.id === id),
        manager: () => null,
      },
    },
  });
  tmp = mkdtempSync(join(tmpdir(), 'gateway-standard-'));
  mkdirSync(join(tmp, 'services', 'hr', 'src'), { recursive: true });
  writeFileSync(join(tmp, 'services', 'hr', 'src', 'schema.graphql'), HR_SDL);
  const supergraphPath = join(tmp, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(tmp, {}).supergraphSdl);
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.DBG ? 'error' : 'silent',
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    JWT_SECRET,
    SIGNING_KEY: GATEWAY_KEY.signingKey,
    TRUSTED_KEYS: JSON.stringify({ gateway: [GATEWAY_KEY.publicKey] }),
    MAX_BODY_BYTES: String(64 * 1024),
    INTROSPECTION: 'authenticated',
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    SUPERGRAPH_PATH: supergraphPath,
  });
  expect(config.limits.maxQueryDepth).toBe(12);
  gateway = await startGateway({ ...config, subgraphUrls: { hr: hr.url } });
});

afterAll(async () => {
  await gateway?.stop();
  await hr?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('standard introspection', () => {
  const variants = [
    {},
    { inputValueDeprecation: true },
    { specifiedByUrl: true, oneOf: true },
    {
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    },
  ];

  it('passes MAX_QUERY_DEPTH (12) and MAX_COST for a signed-in caller, with every option, and builds a schema', async () => {
    for (const [i, options] of variants.entries()) {
      const a = await post(
        { query: getIntrospectionQuery(options), operationName: 'IntrospectionQuery' },
        await bearer(`introspect-${i}`),
      );
      expect(a.body.errors, `${JSON.stringify(options)} ${JSON.stringify(a.body.errors)}`).toBeUndefined();
      expect(a.status).toBe(200);
      const schema = buildClientSchema(a.body.data as IntrospectionQuery);
      expect(schema.getQueryType()?.getFields().employees).toBeDefined();
      expect(Object.keys(schema.getTypeMap())).toContain('PageInfo');
      // The API schema, as the query planner answered it: no federation machinery in it.
      expect(Object.keys(schema.getTypeMap()).filter((name) => /^(join|link)__/.test(name))).toEqual([]);
      expect(schema.getDirectives().map((d) => d.name)).not.toContain('join__type');
    }
  });

  it('answers introspection exactly as the query planner does (its path when a domain field comes along)', async () => {
    const headers = await bearer('introspect-compare');
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      inputValueDeprecation: true,
    });
    const alone = await post({ query }, headers);
    const planned = await post(
      { query: query.replace('__schema {', 'employee(id: "ada") { id } __schema {') },
      headers,
    );
    expect(planned.body.errors).toBeUndefined();
    expect(planned.body.data.employee).toEqual({ id: 'ada' });
    expect(alone.body.data.__schema).toEqual(planned.body.data.__schema);
  });

  it('still refuses it to an anonymous caller (INTROSPECTION=authenticated), for that reason, not its depth', async () => {
    const a = await post({ query: getIntrospectionQuery() });
    expect(a.status).toBe(401);
    expect(a.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(a.body.errors?.[0].message).toMatch(/introspection/);
  });

  it('does not let a deep domain query hide beside or behind introspection', async () => {
    hr.received.length = 0;
    const hidden = [
      getIntrospectionQuery().replace('__schema {', `${deepManager(12)} __schema {`),
      `{ __schema { queryType { name } } __type: ${deepManager(12)} }`,
      `{ __schema: ${deepManager(12)} }`,
      `{ __typename ... on Query { __schema { queryType { name } } ${deepManager(12)} } }`,
      `{ ...Intro } fragment Intro on Query { __schema { queryType { name } } ${deepManager(12)} }`,
    ];
    const headers = await bearer('hider');
    for (const query of hidden) {
      const a = await post({ query }, headers);
      expect(a.status, query.slice(0, 60)).toBe(400);
      expect(a.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_DEPTH' });
    }
    // Refused before planning: the subgraph saw none of them.
    expect(hr.received).toHaveLength(0);
  });
});

describe('error codes', () => {
  it("keeps graphql's GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED with HTTP 400", async () => {
    const headers = await bearer('protocol');
    const parse = await post({ query: '{ employee(id: "ada") { id }' }, headers);
    expect(parse.status).toBe(400);
    expect(parse.body.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });

    const validation = await post({ query: '{ employee(id: "ada") { nam } }' }, headers);
    expect(validation.status).toBe(400);
    expect(validation.body.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    // No suggestions outside development.
    expect(JSON.stringify(validation.body)).not.toMatch(/did you mean/i);

    // The media type the client prefers, as Apollo answers it.
    const negotiated = await post({ query: '{' }, { ...headers, accept: PREFERS_GRAPHQL_RESPONSE });
    expect(negotiated.status).toBe(400);
    expect(negotiated.type).toMatch(/^application\/graphql-response\+json/);
    expect(negotiated.body.errors?.[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers limits with BAD_USER_INPUT naming the limit, and domain failures with the contract code', async () => {
    const headers = await bearer('limits');
    const tokens = await post({ query: `{ ${'__typename '.repeat(5001)}}` }, headers);
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'MAX_TOKENS' });

    const missing = await post({ query: '{ employee(id: "zed") { id } }' }, headers);
    expect(missing.body.errors?.[0].extensions.code, JSON.stringify(missing.body)).toBe('NOT_FOUND');
  });
});

describe('pageInfo', () => {
  it('pages forward through the gateway with hasPreviousPage and startCursor', async () => {
    const headers = await bearer('pager');
    const query = `query($after: String) { employees(first: 2, after: $after) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const pages: any[] = [];
    let after: string | null = null;
    do {
      const a = await post({ query, variables: { after } }, headers);
      expect(a.body.errors).toBeUndefined();
      const page = a.body.data.employees;
      pages.push(page);
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages.map((p) => p.edges.map((e: any) => e.node.id))).toEqual([
      ['ada', 'bob'],
      ['cy', 'dee'],
      ['eve'],
    ]);
    expect(pages.map((p) => [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });
});

describe('errors raised before Apollo', () => {
  /** Each answered by the gateway itself: 401, 413, 400, 404, 405. */
  const refusals: [string, (accept: Record<string, string>) => Promise<Response>, number][] = [
    [
      'a bad token',
      (h) =>
        fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer nope', ...h },
          body: '{"query":"{ __typename }"}',
        }),
      401,
    ],
    [
      'a body over MAX_BODY_BYTES',
      (h) =>
        fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...h },
          body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(80 * 1024) } }),
        }),
      413,
    ],
    [
      'a body that is not JSON',
      (h) =>
        fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...h },
          body: '{"query": ',
        }),
      400,
    ],
    ['an unknown path', (h) => fetch(`${gateway.origin}/nowhere`, { headers: h }), 404],
    ['a PUT on /graphql', (h) => fetch(gateway.url, { method: 'PUT', headers: h }), 405],
  ];

  it('answer application/graphql-response+json when the Accept header prefers it, else application/json', async () => {
    for (const [name, send, status] of refusals) {
      for (const [accept, type] of [
        [{}, 'application/json'],
        [{ accept: 'application/json' }, 'application/json'],
        [{ accept: '*/*' }, 'application/json'],
        [{ accept: PREFERS_GRAPHQL_RESPONSE }, GRAPHQL_RESPONSE],
        [{ accept: GRAPHQL_RESPONSE }, GRAPHQL_RESPONSE],
      ] as const) {
        const res = await send(accept);
        expect(res.status, name).toBe(status);
        expect(res.headers.get('content-type'), `${name} ${JSON.stringify(accept)}`).toBe(
          `${type}; charset=utf-8`,
        );
        const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
        expect(body.errors[0].extensions.code, name).toMatch(/^[A-Z_]+$/);
      }
    }
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After and retryAfterSeconds, per caller, before any subgraph work', async () => {
    const flooder = await bearer('flooder');
    const query = { query: '{ employee(id: "ada") { id } }' };
    const statuses: number[] = [];
    let last = await post(query, flooder);
    for (let i = 0; last.status !== 429 && i < 3 * RATE_LIMIT; i++) {
      statuses.push(last.status);
      last = await post(query, flooder);
    }
    expect(statuses.length).toBeGreaterThanOrEqual(RATE_LIMIT);
    expect(last.status).toBe(429);
    const retryAfter = Number(last.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(last.type).toBe('application/json; charset=utf-8');
    expect(last.body.errors?.[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
    expect(last.body.errors?.[0].message).toMatch(/RATE_LIMIT_PER_MINUTE/);

    // In the media type the client prefers; refused before Apollo, so the subgraph sees nothing.
    hr.received.length = 0;
    const negotiated = await post(query, { ...flooder, accept: PREFERS_GRAPHQL_RESPONSE });
    expect(negotiated.status).toBe(429);
    expect(negotiated.type).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    expect(negotiated.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    // An introspection query is not a way around it either.
    const introspection = await post({ query: getIntrospectionQuery() }, flooder);
    expect(introspection.status).toBe(429);
    expect(hr.received).toHaveLength(0);

    // Another caller keeps its own bucket.
    expect((await post(query, await bearer('bystander'))).status).toBe(200);
  });

  it('keys anonymous callers by their address: a forged X-Forwarded-For or a fresh bad token does not reset it', async () => {
    let last: Answer | undefined;
    for (let i = 0; i < 3 * RATE_LIMIT && last?.status !== 429; i++) {
      last = await post(
        { query: '{ __typename }' },
        { 'x-forwarded-for': `10.0.0.${i}`, 'x-real-ip': `10.1.0.${i}` },
      );
    }
    expect(last?.status).toBe(429);
    expect(last?.body.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    // A token that does not verify is refused as such, never counted as someone else's bucket.
    const forged = await post({ query: '{ __typename }' }, { authorization: 'Bearer forged' });
    expect(forged.status).toBe(401);
  });
});
