import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createKeyring,
  generateSigningKey,
  NonceWindow,
  parseTrustedKeys,
  verifyForwardedIdentity,
} from '@backoffice/kit';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';
import { type RunningGateway, startGateway } from '../src/server.js';
import { startTestSubgraph, type TestSubgraph } from './support/subgraph.js';
import { composeTestSupergraph } from './support/supergraph.js';

/**
 * The gateway answers a query its plan sends whole to one subgraph with that subgraph's data
 * (src/direct/). Each case here is sent twice: the first time @apollo/gateway plans and shapes it, the
 * second time it may be answered directly; both answers must be the same bytes, and the metric says
 * which way the second went.
 */
const GATEWAY_KEY = generateSigningKey();
const TRUSTED_KEYS = JSON.stringify({ gateway: [GATEWAY_KEY.publicKey] });
const JWT_SECRET = 'direct-answers-test-jwt-secret-of-enough-length';
const subgraphView = createKeyring('hr', generateSigningKey().signingKey, parseTrustedKeys(TRUSTED_KEYS));

const HR_SDL = `type Query {
  employees(first: Int!, status: Status): [Employee!]!
  employee(id: ID!): Employee
  person(id: ID!): Person
  strict: Employee!
  clearance: Clearance
}
enum Status { ACTIVE LEFT }
enum Clearance { PUBLIC SEALED @federation__inaccessible }
union Person = Employee | Contractor
type Contractor { id: ID! company: String! }
type Department { name: String! costCenter: String }
type Employee @key(fields: "id") {
  id: ID!
  givenName: String!
  familyName: String
  salary: Decimal
  hiredOn: Date
  status: Status!
  department: Department
  failing: String
  notNull: String!
}`;

const DOCUMENTS_SDL = `type Query { document(id: ID!): Document }
type Document { id: ID! title: String! }
type Employee @key(fields: "id") { id: ID! documents: [Document!]! }`;

const IT_SDL = 'type Query { ticketCount: Int }';

const employee = (id: string, n: number) => ({
  id,
  givenName: `Given ${n}`,
  familyName: n % 2 ? null : `Family ${n}`,
  salary: `${1000 + n}.50`,
  hiredOn: `2026-01-0${(n % 9) + 1}`,
  status: n % 3 ? 'ACTIVE' : 'LEFT',
  department: n % 4 ? { name: 'Finance', costCenter: n % 5 ? 'CC-1' : null } : null,
});

let hr: TestSubgraph;
let documents: TestSubgraph;
let broken: Server;
let gateway: RunningGateway;
let metricsUrl: string;
let composed: ReturnType<typeof composeTestSupergraph> | undefined;
let token: string;

beforeAll(async () => {
  hr = await startTestSubgraph({
    sdl: HR_SDL,
    resolvers: {
      Query: {
        employees: (_: unknown, { first, status }: { first: number; status?: string }) =>
          Array.from({ length: first }, (_, n) => employee(`e${n}`, n)).filter(
            (e) => !status || e.status === status,
          ),
        employee: (_: unknown, { id }: { id: string }) => (id === 'none' ? null : employee(id, 7)),
        person: (_: unknown, { id }: { id: string }) =>
          id.startsWith('c')
            ? { __typename: 'Contractor', id, company: 'Acme' }
            : { __typename: 'Employee', ...employee(id, 2) },
        strict: () => ({ ...employee('s', 1), notNull: null }),
        clearance: () => 'SEALED',
      },
      Person: { __resolveType: (p: { __typename: string }) => p.__typename },
      Employee: {
        __resolveReference: ({ id }: { id: string }) => employee(id, 3),
        failing: () => {
          throw new Error('relation "payroll_secret" does not exist');
        },
      },
    },
  });
  documents = await startTestSubgraph({
    sdl: DOCUMENTS_SDL,
    resolvers: {
      Query: { document: (_: unknown, { id }: { id: string }) => ({ id, title: 'Policy' }) },
      Employee: { documents: ({ id }: { id: string }) => [{ id: `d-${id}`, title: `Contract of ${id}` }] },
    },
  });
  // A subgraph that fails at the HTTP level: its answers are never GraphQL.
  broken = createServer((_req, res) =>
    res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway'),
  );
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));

  composed = composeTestSupergraph({ hr: HR_SDL, documents: DOCUMENTS_SDL, it: IT_SDL });
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_METRICS_PORT: String(await freePort()),
    JWT_SECRET,
    SIGNING_KEY: GATEWAY_KEY.signingKey,
    TRUSTED_KEYS,
    SUPERGRAPH_PATH: composed.supergraphPath,
  });
  const brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/graphql`;
  gateway = await startGateway({
    ...config,
    subgraphUrls: { hr: hr.url, documents: documents.url, it: brokenUrl },
  });
  metricsUrl = gateway.metricsUrl ?? '';
  token = await new SignJWT({ sub: 'user-1', roles: ['hr'], employeeId: 'emp-1' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));
});

afterAll(async () => {
  await gateway?.stop();
  await hr?.stop();
  await documents?.stop();
  await new Promise((resolve) => broken?.close(resolve));
  composed?.remove();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function send(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

async function directAnswers(): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('backoffice_gateway_direct_answers_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** Sends `query` twice; returns whether the second was answered directly, after checking both agree. */
async function twice(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const first = await send(query, variables, operationName);
  const before = await directAnswers();
  const second = await send(query, variables, operationName);
  expect(second).toEqual(first);
  return { direct: (await directAnswers()) - before === 1, answer: first };
}

describe('direct answers', () => {
  it('answers a one-subgraph page as the gateway shapes it, byte for byte', async () => {
    const { direct, answer } = await twice(
      `query Page($first: Int!, $status: Status) {
        list: employees(first: $first, status: $status) { id givenName familyName salary hiredOn status department { name costCenter } }
        again: employees(first: 2) { id givenName givenName }
        one: employee(id: "e1") { ... on Employee { id department { name } } department { costCenter } }
        none: employee(id: "none") { id }
        named: employee(id: "e2") { ...Names }
      }
      fragment Names on Employee { id givenName }`,
      { first: 12, status: 'ACTIVE' },
      'Page',
    );
    expect(direct).toBe(true);
    expect(answer.status).toBe(200);
    const data = JSON.parse(answer.body).data;
    expect(data.list).toHaveLength(8);
    expect(data.list[0]).toEqual({
      id: 'e1',
      givenName: 'Given 1',
      familyName: null,
      salary: '1001.50',
      hiredOn: '2026-01-02',
      status: 'ACTIVE',
      department: { name: 'Finance', costCenter: 'CC-1' },
    });
    expect(Object.keys(data.one)).toEqual(['id', 'department']);
    expect(data.none).toBeNull();
  });

  it('sends the caller to the subgraph exactly as the gateway does, and asks it once per request', async () => {
    const query = '{ employee(id: "e9") { id givenName } }';
    await send(query);
    hr.received.length = 0;
    hr.bodies.length = 0;
    const before = await directAnswers();
    await send(query);
    expect((await directAnswers()) - before).toBe(1);
    expect(hr.received).toHaveLength(1);
    const verified = verifyForwardedIdentity(
      hr.received[0],
      { audience: 'hr', method: 'POST', path: '/graphql', body: hr.bodies[0] },
      subgraphView,
      new NonceWindow(),
    );
    expect(verified).toEqual({
      ok: true,
      identity: { userId: 'user-1', roles: ['hr'], employeeId: 'emp-1' },
    });
  });

  it.each([
    ['__typename', '{ employee(id: "e1") { __typename id } }'],
    ['two subgraphs', '{ employee(id: "e1") { givenName documents { title } } }'],
    [
      '@include',
      'query($on: Boolean!) { employee(id: "e1") { id givenName @include(if: $on) } }',
      { on: false },
    ],
    ['a union', '{ person(id: "c1") { ... on Contractor { company } ... on Employee { givenName } } }'],
    ['an enum with a hidden value', '{ clearance }'],
    ['introspection', '{ __type(name: "Employee") { name } employee(id: "e1") { id } }'],
    // The planner reuses the client's fragment where its fields recur, first: the gateway puts them back.
    [
      'fields the plan reorders',
      '{ a: employee(id: "e1") { id givenName familyName } b: employee(id: "e2") { ...N } } fragment N on Employee { givenName familyName }',
    ],
  ])(
    'leaves %s to the gateway, with the same answer',
    async (_name, query, variables?: Record<string, unknown>) => {
      const { direct } = await twice(query, variables);
      expect(direct).toBe(false);
    },
  );

  it('gives errors exactly as the gateway does, without asking the subgraph twice', async () => {
    for (const query of [
      '{ employee(id: "e1") { id failing } }',
      '{ strict { id notNull } }',
      '{ ticketCount }',
    ]) {
      await send(query);
      hr.received.length = 0;
      const { direct, answer } = await twice(query);
      expect(direct).toBe(false);
      expect(JSON.parse(answer.body).errors.length).toBeGreaterThan(0);
      if (!query.includes('ticketCount')) expect(hr.received).toHaveLength(2);
    }
    expect(await send('{ employee(id: "e1") { id failing } }')).toMatchObject({ status: 200 });
  });

  it('checks variables as the gateway does before anything is sent', async () => {
    const query = 'query($first: Int!) { employees(first: $first) { id } }';
    await twice(query, { first: 1 });
    hr.received.length = 0;
    const { direct, answer } = await twice(query, { first: 'many' });
    expect(direct).toBe(false);
    expect(JSON.parse(answer.body).errors.length).toBeGreaterThan(0);
    expect(hr.received).toHaveLength(0);
  });
});
