import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bodyDigest,
  createForwardedIdentityVerifier,
  createKeyring,
  devSigningKey,
  devTrustedKeys,
  IDENTITY_HEADER,
  type Identity,
  type RunningSubgraph,
  signIdentity,
} from '@backoffice/kit';
import {
  mintToken,
  newTestRun,
  startTestSubgraph,
  testGatewayKeyring,
  type TestRun,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/src/config.js';
import { type RunningGateway, startGateway } from '../../gateway/src/server.js';
import { accountingSubgraph } from '../../services/accounting/src/accounting.subgraph.js';
import { hrSubgraph } from '../../services/hr/src/hr.subgraph.js';
import { itSubgraph } from '../../services/it/src/it.subgraph.js';

/**
 * A captured identity header set is good for nothing but the one request it came with: real hr and
 * it subgraphs behind our gateway, a proxy in between recording exactly what the gateway sends, and
 * every way of re-using what it recorded. Each refusal is checked twice: the subgraph's answer over
 * HTTP (401, UNAUTHENTICATED), and the reason its own verifier gives (same keyring, same nonce window).
 */
interface Captured {
  headers: Record<string, string>;
  body: string;
  path: string;
}

let run: TestRun;
let hr: RunningSubgraph<unknown>;
let itService: RunningSubgraph<unknown>;
let accounting: RunningSubgraph<unknown>;
let gateway: RunningGateway;
const proxies: Server[] = [];
const captured: Record<string, Captured[]> = { hr: [], it: [], accounting: [] };

/** Forwards to `target` untouched, keeping a copy of the identity headers, path and body as sent. */
async function capturingProxy(name: string, target: string): Promise<string> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    captured[name].push({ headers: forwardable(req.headers), body, path: req.url ?? '/' });
    const answer = await fetch(new URL(req.url ?? '/', target), {
      method: req.method,
      headers: forwardable(req.headers),
      body: req.method === 'GET' ? undefined : body,
    });
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxies.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
      kept[name] = value;
  return kept;
}

async function send(subgraph: RunningSubgraph<unknown>, headers: Record<string, string>, body: string) {
  const res = await fetch(subgraph.url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as { data?: any; errors?: any[] } };
}

/** The subgraph's own verdict on headers and body, without using up a nonce (refusals never do). */
const reasonAt = (subgraph: RunningSubgraph<unknown>, headers: Record<string, string>, body: string) => {
  const verified = createForwardedIdentityVerifier({
    audience: subgraph.deps.name,
    keyring: subgraph.deps.keyring,
  })(headers, body);
  return verified.ok ? 'accepted' : verified.reason;
};

function expectRefused(answer: Awaited<ReturnType<typeof send>>) {
  expect(answer.status, answer.text).toBe(401);
  expect(answer.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(answer.json.data ?? null).toBeNull();
}

const CREATE =
  'mutation Create($input: CreateDepartmentInput!) { createDepartment(input: $input) { id name } }';
const DEPARTMENTS = '{ departments { name } }';
let original: Captured;
let hrUser: Identity;

beforeAll(async () => {
  run = newTestRun();
  hr = await startTestSubgraph(run, hrSubgraph as never);
  itService = await startTestSubgraph(run, itSubgraph as never);
  accounting = await startTestSubgraph(run, accountingSubgraph as never);
  const config = loadGatewayConfig({
    BACKOFFICE_DEV: '1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  gateway = await startGateway({
    ...config,
    subgraphUrls: {
      ...config.subgraphUrls,
      hr: await capturingProxy('hr', hr.url),
      it: await capturingProxy('it', itService.url),
      accounting: await capturingProxy('accounting', accounting.url),
    },
  });

  // The genuine request: an hr user creates a department through the gateway.
  const token = await mintToken({ sub: 'replay-hr', roles: ['hr'] });
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: CREATE,
      variables: { input: { name: `Replay ${run.id}`, costCenter: 'RP-1' } },
    }),
  });
  const answer = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(answer.errors, JSON.stringify(answer)).toBeUndefined();
  expect(answer.data.createDepartment.name).toBe(`Replay ${run.id}`);
  original = captured.hr.find((c) => c.body.includes('createDepartment')) as Captured;
  expect(original?.headers[IDENTITY_HEADER]).toBeDefined();
  hrUser = { userId: 'replay-hr', roles: ['hr'], employeeId: null };
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  for (const proxy of proxies) proxy.close();
  await run?.cleanup();
});

async function departmentNames(): Promise<string[]> {
  const body = JSON.stringify({ query: DEPARTMENTS });
  const request = { audience: 'hr', method: 'POST', path: '/graphql', body: bodyDigest(body) };
  const answer = await send(hr, signIdentity(hrUser, request, testGatewayKeyring()), body);
  expect(answer.json.errors, answer.text).toBeUndefined();
  return answer.json.data.departments.map((d: { name: string }) => d.name);
}

describe('a captured identity header set', () => {
  it('came from the gateway for hr, for that request, and the write happened once', async () => {
    const statement = JSON.parse(Buffer.from(original.headers[IDENTITY_HEADER], 'base64url').toString());
    expect(statement).toMatchObject({ aud: 'hr', method: 'POST', path: '/graphql', sub: 'replay-hr' });
    expect(statement.body).toBe(bodyDigest(original.body));
    expect(original.headers['x-backoffice-caller']).toBeUndefined();
    expect((await departmentNames()).filter((n) => n === `Replay ${run.id}`)).toHaveLength(1);
  });

  it('is refused when replayed against another subgraph', async () => {
    expectRefused(await send(itService, original.headers, original.body));
    expect(reasonAt(itService, original.headers, original.body)).toBe('audience');
  });

  it('is refused when replayed against the same subgraph: the gateway already used its nonce', async () => {
    expectRefused(await send(hr, original.headers, original.body));
    expect(reasonAt(hr, original.headers, original.body)).toBe('replayed');
    expect((await departmentNames()).filter((n) => n === `Replay ${run.id}`)).toHaveLength(1);
  });

  it('is refused with a changed body (other variables)', async () => {
    const changed = original.body.replace(`Replay ${run.id}`, `Forged ${run.id}`);
    expect(changed).not.toBe(original.body);
    expectRefused(await send(hr, original.headers, changed));
    expect(reasonAt(hr, original.headers, changed)).toBe('body');
    expect(await departmentNames()).not.toContain(`Forged ${run.id}`);
  });

  it('is refused after the window: signed exactly as the gateway signs, 31 s ago', async () => {
    const request = { audience: 'hr', method: 'POST', path: '/graphql', body: bodyDigest(original.body) };
    const late = signIdentity(hrUser, request, testGatewayKeyring(), Date.now() - 31_000);
    expectRefused(await send(hr, late, original.body));
    expect(reasonAt(hr, late, original.body)).toBe('stale');
  });
});

describe('identities the gateway did not sign', () => {
  const body = JSON.stringify({ query: DEPARTMENTS });
  const toHr = { audience: 'hr', method: 'POST', path: '/graphql', body: bodyDigest(body) };
  const admin: Identity = { userId: 'intruder', roles: ['admin'], employeeId: null };

  it('refuses a statement signed with a service key (documents) claiming to be the gateway', async () => {
    const documents = createKeyring('documents', devSigningKey('documents'), devTrustedKeys());
    const minted = signIdentity(admin, toHr, documents);
    expectRefused(await send(hr, minted, body));
    expect(reasonAt(hr, minted, body)).toBe('forged');
  });

  it('refuses the old HMAC header set, even with the key dev-mode subgraphs used to accept', async () => {
    // The retired shared key's dev value, as published in the repository before issue 19.
    const oldDevKey = 'dev-internal-signing-key-not-for-production';
    const encoded = Buffer.from(
      JSON.stringify({ sub: 'intruder', roles: ['admin'], employeeId: null }),
    ).toString('base64url');
    const time = String(Date.now());
    const hmac = {
      [IDENTITY_HEADER]: encoded,
      'x-backoffice-identity-time': time,
      'x-backoffice-identity-signature': createHmac('sha256', oldDevKey)
        .update(`${time}.${encoded}`)
        .digest('base64url'),
    };
    expectRefused(await send(hr, hmac, body));
    expect(['malformed', 'forged']).toContain(reasonAt(hr, hmac, body));
  });

  it('accepts the genuine statement once (the control), then refuses it', async () => {
    const genuine = signIdentity(admin, toHr, testGatewayKeyring());
    const first = await send(hr, genuine, body);
    expect(first.status, first.text).toBe(200);
    expect(first.json.data.departments.map((d: { name: string }) => d.name)).toContain(`Replay ${run.id}`);
    expectRefused(await send(hr, genuine, body));
  });
});

describe('a passthrough route (the journal export) reached through the gateway', () => {
  const EXPORT = '/exports/journal?from=2025-01-01&to=2025-12-31';
  const origin = () => new URL(accounting.url).origin;
  const get = (path: string, headers: Record<string, string>) => fetch(`${origin()}${path}`, { headers });

  it('answers the genuine request; its captured headers are refused again, and for another range', async () => {
    const token = await mintToken({ sub: 'replay-accountant', roles: ['accountant'] });
    const genuine = await fetch(new URL(EXPORT, gateway.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(genuine.status, await genuine.clone().text()).toBe(200);
    expect(await genuine.text()).toMatch(/journal/i);
    const sent = captured.accounting.find((c) => c.path === EXPORT) as Captured;
    const statement = JSON.parse(Buffer.from(sent.headers[IDENTITY_HEADER], 'base64url').toString());
    expect(statement).toMatchObject({ aud: 'accounting', method: 'GET', path: EXPORT, body: bodyDigest('') });

    expect((await get(EXPORT, sent.headers)).status).toBe(401);
    const wider = '/exports/journal?from=2000-01-01&to=2025-12-31';
    expect((await get(wider, sent.headers)).status).toBe(401);
    // The same statement at accounting's GraphQL endpoint is no good either.
    const graphql = await send(accounting, sent.headers, JSON.stringify({ query: '{ accounts { code } }' }));
    expectRefused(graphql);
  });
});
