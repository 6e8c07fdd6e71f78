import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind, recordSpans } from '@backoffice/kit';
import { generateGatewayKeys } from '@backoffice/testkit';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../gateway/src/compose.js';
import { loadGatewayConfig } from '../../gateway/src/config.js';
import { type RunningGateway, startGateway } from '../../gateway/src/server.js';
import { type TestSubgraph, startTestSubgraph } from '../../gateway/test/support/subgraph.js';

/** The gateway's hooks: the caller's trace continues to the subgraph call, and /metrics counts per operation. */
const JWT_SECRET = 'observability-test-jwt-secret-of-enough-length';
const SDL = `type Query { employee(id: ID!): Employee }
type Employee @key(fields: "id") { id: ID! givenName: String! }`;
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

let hr: TestSubgraph;
let gateway: RunningGateway;
let tmp: string;
let recording: ReturnType<typeof recordSpans>;
let bearer: string;

beforeAll(async () => {
  recording = recordSpans('gateway-test');
  hr = await startTestSubgraph({
    sdl: SDL,
    resolvers: { Query: { employee: (_: unknown, { id }: { id: string }) => ({ id, givenName: 'Ada' }) } },
  });
  tmp = mkdtempSync(join(tmpdir(), 'gateway-observability-'));
  mkdirSync(join(tmp, 'services', 'hr', 'src'), { recursive: true });
  writeFileSync(join(tmp, 'services', 'hr', 'src', 'schema.graphql'), SDL);
  const supergraphPath = join(tmp, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(tmp, {}).supergraphSdl);
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    JWT_SECRET,
    ...generateGatewayKeys().env,
    SUPERGRAPH_PATH: supergraphPath,
  });
  gateway = await startGateway({ ...config, subgraphUrls: { hr: hr.url } });
  bearer = `Bearer ${await new SignJWT({ sub: 'u1', roles: ['hr'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET))}`;
});

afterAll(async () => {
  await gateway?.stop();
  await hr?.stop();
  await recording?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer, ...headers },
    body: JSON.stringify({ query }),
  });

describe('gateway observability hooks', () => {
  it('continues the caller’s traceparent to the subgraph call', async () => {
    const res = await post('query Who { employee(id: "e1") { givenName } }', {
      traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01`,
    });
    expect(res.status).toBe(200);
    const sent = hr.received.at(-1)?.traceparent as string;
    expect(sent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    const spans = recording.spans().filter((s) => s.spanContext().traceId === TRACE_ID);
    // The http instrumentation's SERVER span continues the caller's, named after the route.
    const server = spans.find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /graphql');
    expect(server?.parentSpanContext?.spanId, JSON.stringify(spans.map((s) => s.name))).toBe(
      'b7ad6b7169203331',
    );
    expect(server?.attributes['http.route']).toBe('/graphql');
    // The subgraph saw undici's CLIENT span as its parent, and that span is the server span's child.
    const client = spans.find((s) => s.spanContext().spanId === sent.split('-')[2]);
    expect(client?.kind).toBe(SpanKind.CLIENT);
    expect(client?.attributes['url.full']).toBe(hr.url);
    expect(client?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
  });

  it('serves /metrics with requests, errors, subgraph calls and responses', async () => {
    await post('query Who { employee(id: "e2") { givenName } }');
    await post('query Broken { employee(id: "e3") { salary } }');
    const res = await fetch(`${gateway.origin}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const has = (name: string, ...labels: string[]) =>
      text
        .split('\n')
        .some((l) => l.startsWith(`${name}{`) && labels.every((x) => l.includes(x)) && !/ 0$/.test(l));
    expect(
      has('backoffice_graphql_requests_total', 'operation="Who"', 'outcome="ok"', 'service="gateway"'),
    ).toBe(true);
    expect(has('backoffice_graphql_requests_total', 'operation="Broken"', 'outcome="error"')).toBe(true);
    expect(has('backoffice_graphql_errors_total', 'operation="Broken"', 'code="')).toBe(true);
    expect(has('backoffice_graphql_request_duration_seconds_count', 'operation="Who"')).toBe(true);
    expect(has('backoffice_gateway_subgraph_fetch_duration_seconds_count', 'status="200"')).toBe(true);
    expect(has('backoffice_http_responses_total', 'route="/graphql"', 'status="200"')).toBe(true);
  });
});
