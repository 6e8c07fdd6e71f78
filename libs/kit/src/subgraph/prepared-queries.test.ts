import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newTestRun,
  signedAsGateway,
  startTestSubgraph,
  type TestRun,
  testIdentity,
} from '@backoffice/testkit';
import type { Identity } from '../auth/identity.js';
import { notFound } from '../errors.js';
import type { RunningSubgraph } from './index.js';
import { PREPARED_ACCEPT } from './prepared-queries.js';

/**
 * The prepared path (prepared-queries.ts) answers a query Apollo validated before exactly as Apollo
 * answers it: the first request of each kind goes through Apollo, the next through the prepared path
 * (counted by its metric), and the two answers are compared byte for byte, headers included. Then what
 * must never take the path: mutations, requests that fail validation, variables that do not coerce,
 * a refused identity, other media types, persisted-query extensions, a field the role may not read.
 */
const SDL = `type Query {
  things(first: Int!): [Thing!]!
  thing(id: ID!): Thing
  missing: String
  broken: String
  strict: String!
  teapot: String
  salaries: [String!] @requiresRole(roles: ["payroll"])
  when: DateTime!
  counted: Counted!
}
type Counted { total: Int! label: String! }
type Mutation { rename(name: String!): String! }
type Thing { id: ID! name: String! tags: [String!]! amount: Decimal! parent: Thing }`;

let run: TestRun;
let subgraph: RunningSubgraph<unknown>;
let schemaDir: string;
let renamed = 0;
const alice = testIdentity(['analyst'], { userId: 'alice' });
const payroll = testIdentity(['payroll'], { userId: 'pat' });

const thing = (i: number) => ({
  id: String(i),
  name: `thing ${i}`,
  tags: i % 2 ? ['odd'] : [],
  amount: `${i}.50`,
  parent: i > 1 ? { id: String(i - 1), name: `thing ${i - 1}`, tags: [], amount: '0' } : null,
});

beforeAll(async () => {
  schemaDir = mkdtempSync(join(tmpdir(), 'prepared-schema-'));
  writeFileSync(join(schemaDir, 'schema.graphql'), SDL);
  run = newTestRun();
  subgraph = await startTestSubgraph(run, {
    name: 'it',
    schemaDir,
    entities: [],
    migrations: [],
    services: () => ({}),
    resolvers: {
      Query: {
        things: (_: unknown, { first }: { first: number }) =>
          Array.from({ length: first }, (_x, i) => thing(i + 1)),
        thing: async (_: unknown, { id }: { id: string }) => {
          if (id === '404') throw notFound('thing', id);
          return thing(Number(id));
        },
        missing: () => null,
        broken: () => {
          throw new Error('a bug with internals in its message');
        },
        strict: () => null,
        teapot: () => {
          throw new GraphQLError('short and stout', {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 418 } },
          });
        },
        salaries: () => ['4000.00'],
        when: () => new Date('2026-12-05T01:02:03.000Z'),
        // A property that is a function, called by graphql-js's default resolver (the kit's lazy totalCount).
        counted: () => ({ total: async () => 42, label: 'lazy' }),
      },
      Mutation: {
        rename: (_: unknown, { name }: { name: string }) => {
          renamed++;
          return name;
        },
      },
    },
  });
}, 60_000);

afterAll(async () => {
  await run?.cleanup();
  rmSync(schemaDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function post(
  payload: unknown,
  options: { identity?: Identity; headers?: Record<string, string>; raw?: string } = {},
): Promise<Answer> {
  const body = options.raw ?? JSON.stringify(payload);
  const signed = options.identity ? await signedAsGateway(subgraph.url, options.identity, body) : {};
  const res = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed, ...options.headers },
    body,
  });
  const headers = Object.fromEntries(res.headers);
  delete headers.date;
  delete headers['keep-alive'];
  delete headers.connection;
  return { status: res.status, headers, body: await res.text() };
}

/** How many requests the prepared path answered so far (its metric, summed over operations). */
async function preparedCount(): Promise<number> {
  const text = await (await fetch(subgraph.url.replace('/graphql', '/metrics'))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('backoffice_graphql_prepared_requests_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** The first answer (Apollo's), the second (prepared) and how many of the second went the prepared way. */
async function twice(payload: unknown, options: Parameters<typeof post>[1] = {}) {
  const before = await preparedCount();
  const first = await post(payload, options);
  const afterFirst = await preparedCount();
  const second = await post(payload, options);
  const afterSecond = await preparedCount();
  return { first, second, firstPrepared: afterFirst - before, secondPrepared: afterSecond - afterFirst };
}

describe('the prepared path answers as Apollo does', () => {
  const cases: [string, unknown, Identity | undefined][] = [
    [
      'a page with nested objects, lists, custom scalars and variables',
      {
        query: 'query Page($n: Int!) { things(first: $n) { id name tags amount parent { id name } } when }',
        variables: { n: 20 },
        operationName: 'Page',
      },
      alice,
    ],
    [
      'aliases, fragments and __typename',
      { query: '{ a: thing(id: "3") { ...T } } fragment T on Thing { __typename id n: name }' },
      alice,
    ],
    ['a null answer', { query: '{ missing }', variables: null }, alice],
    [
      'a field whose value is a function, called as graphql-js calls it',
      { query: '{ counted { total label } }' },
      alice,
    ],
    ['a domain error beside data', { query: '{ thing(id: "404") { id } when }' }, alice],
    ['an unexpected error, its internals hidden', { query: '{ broken when }' }, alice],
    ['a non-null field answering null: the error bubbles up to data', { query: '{ strict }' }, alice],
    ['an error that sets the HTTP status', { query: '{ teapot }' }, alice],
    ['a field the role may not read', { query: '{ salaries when }' }, alice],
    ['the same field for a role that may', { query: '{ salaries }' }, payroll],
    ['anonymous', { query: '{ when }' }, undefined],
  ];
  for (const [name, payload, identity] of cases) {
    it(name, async () => {
      const { first, second, firstPrepared, secondPrepared } = await twice(payload, { identity });
      expect(firstPrepared).toBe(0);
      expect(secondPrepared).toBe(1);
      expect(second).toEqual(first);
    });
  }

  it('answers in the media type Apollo chooses for each Accept header it takes', async () => {
    for (const [accept, type] of PREPARED_ACCEPT) {
      const headers: Record<string, string> = accept === undefined ? {} : { accept };
      const { first, second, secondPrepared } = await twice(
        { query: '{ when }' },
        { identity: alice, headers },
      );
      expect(first.headers['content-type']).toBe(type);
      expect(secondPrepared).toBe(1);
      expect(second).toEqual(first);
    }
  });
});

describe('what never takes the prepared path', () => {
  it('a mutation, which its Idempotency-Key must reach', async () => {
    const before = renamed;
    const { first, second, secondPrepared } = await twice(
      { query: 'mutation { rename(name: "x") }' },
      { identity: alice },
    );
    expect(secondPrepared).toBe(0);
    expect(renamed).toBe(before + 2);
    expect(second).toEqual(first);
  });

  it('a query that fails validation, every time', async () => {
    const { first, second, secondPrepared } = await twice(
      { query: '{ things(first: "many") { id } }' },
      { identity: alice },
    );
    expect(secondPrepared).toBe(0);
    expect(JSON.parse(second.body).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(second).toEqual(first);
  });

  it('variables that do not coerce: Apollo answers 400, nothing ran', async () => {
    const query = 'query Page($n: Int!) { things(first: $n) { id } }';
    await post({ query, variables: { n: 1 } }, { identity: alice });
    const before = await preparedCount();
    const bad = await post({ query, variables: { n: 'many' } }, { identity: alice });
    expect(await preparedCount()).toBe(before);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('a forged identity: refused with 401 as before, once', async () => {
    const payload = { query: '{ when }' };
    await post(payload, { identity: alice });
    const before = await preparedCount();
    const body = JSON.stringify(payload);
    const signed = await signedAsGateway(subgraph.url, alice, JSON.stringify({ query: '{ missing }' }));
    const forged = await post(payload, { headers: signed, raw: body });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await preparedCount()).toBe(before);
  });

  it('a replayed identity statement: the second use is refused on the prepared path too', async () => {
    const payload = { query: '{ when }' };
    await post(payload, { identity: alice });
    const body = JSON.stringify(payload);
    const signed = await signedAsGateway(subgraph.url, alice, body);
    const once = await post(payload, { headers: signed, raw: body });
    const replayed = await post(payload, { headers: signed, raw: body });
    expect(once.status).toBe(200);
    expect(replayed.status).toBe(401);
  });

  it('persisted-query extensions, other Accept headers and other content types go to Apollo', async () => {
    const query = '{ when }';
    await post({ query }, { identity: alice });
    const before = await preparedCount();
    const withExtensions = await post(
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } },
      { identity: alice },
    );
    expect(withExtensions.status).toBe(400);
    await post({ query }, { identity: alice, headers: { accept: 'application/json, text/plain;q=0.5' } });
    const asText = await post({ query }, { identity: alice, headers: { 'content-type': 'text/plain' } });
    expect(asText.status).toBe(400); // Apollo's CSRF prevention
    expect(await preparedCount()).toBe(before);
  });
});
