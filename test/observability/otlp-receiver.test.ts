import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, graphqlClient, mintToken } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholePlatform } from '../support/whole-platform.js';

/**
 * The trace of a hire as an operator's collector receives it: every process of the platform, started
 * as `pnpm start` and the image start it (compiled `dist/` on plain node, so the instrumentations'
 * require hooks must patch what that loads), exports OTLP/HTTP to a receiver in this test (as to an
 * OpenTelemetry Collector). One trace, started by the client's traceparent, runs from the gateway's
 * server span through its subgraph call (undici) into hr's server span, its GraphQL execution and its
 * SQL, then over the bus to it's consumer that opens the onboarding ticket. Each span arrives with its
 * process's resource, and no span carries the hire's personal data (variables, SQL parameters).
 */
interface ReceivedSpan {
  service: string;
  resource: Record<string, string>;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, string>;
}

const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

/** OTLP/JSON key-values as plain strings (every value kind this test reads is a scalar or an array). */
function flatten(
  list: { key: string; value: Record<string, unknown> }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, value } of list ?? []) {
    const scalar = value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
    out[key] = scalar === undefined ? JSON.stringify(value) : String(scalar);
  }
  return out;
}

const received: ReceivedSpan[] = [];
const refused: string[] = [];

/** A collector stand-in: OTLP/HTTP with the JSON encoding the exporter uses, decoded span by span. */
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.url !== '/v1/traces' || !/json/.test(req.headers['content-type'] ?? '')) {
      refused.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      res.writeHead(415).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    for (const rs of body.resourceSpans ?? []) {
      const resource = flatten(rs.resource?.attributes);
      for (const ss of rs.scopeSpans ?? [])
        for (const s of ss.spans ?? [])
          received.push({
            service: resource['service.name'] ?? '?',
            resource,
            scope: ss.scope?.name ?? '',
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId ?? '',
            name: s.name,
            kind: s.kind,
            attributes: flatten(s.attributes),
          });
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
const whole = wholePlatform(
  {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=otlp-test',
  },
  { runtime: 'compiled' },
);
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
let hr: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  hr = graphqlClient(whole.platform.gatewayUrl, await mintToken({ sub: 'otlp-hr', roles: ['hr'] }));
});

describe('traces exported over OTLP', () => {
  it('carries one hire from the gateway through hr and the bus to it’s onboarding ticket', async () => {
    const dept = await hr.query(
      'mutation { createDepartment(input: { name: "Traced", costCenter: "TR-1" }) { id } }',
    );
    expect(dept.errors).toBeUndefined();
    const response = await fetch(whole.platform.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await mintToken({ sub: 'otlp-hr', roles: ['hr'] })}`,
        traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01`,
      },
      body: JSON.stringify({
        query: 'mutation Hire($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }',
        variables: {
          i: {
            givenName: 'Radia',
            familyName: 'Perlman',
            email: `radia.${whole.runId}@example.com`,
            departmentId: dept.data.createDepartment.id,
            startDate: '2026-02-01',
            workLocation: 'OFFICE',
            contract: { monthlySalary: '6100.00', currency: 'EUR', fte: 1 },
          },
        },
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

    // Batches leave each process every 2 s: wait until it's consumer span of this trace has arrived.
    const trace = await eventually(
      async () => received.filter((s) => s.traceId === TRACE_ID),
      (spans) => spans.some((s) => s.service === 'it' && s.kind === CONSUMER),
      30_000,
    );
    expect(refused).toEqual([]);
    const names = JSON.stringify(trace.map((s) => `${s.service} ${s.kind} ${s.name} (${s.scope})`));
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const parentOf = (s: ReceivedSpan | undefined) => byId.get(s?.parentSpanId ?? '');
    const within = (s: ReceivedSpan | undefined, ancestor: ReceivedSpan | undefined): boolean => {
      for (let p = parentOf(s); p; p = parentOf(p)) if (p === ancestor) return true;
      return false;
    };
    for (const s of trace)
      expect(s.resource, `${s.service}'s resource`).toMatchObject({
        'service.namespace': 'backoffice',
        'deployment.environment.name': 'otlp-test',
      });

    // The gateway: the http instrumentation's SERVER span continues the client's span, named by route;
    // undici's CLIENT span for the call to hr sits inside it.
    const gatewayServer = trace.find((s) => s.service === 'gateway' && s.kind === SERVER);
    expect(gatewayServer?.scope, names).toBe('@opentelemetry/instrumentation-http');
    expect(gatewayServer?.parentSpanId).toBe('b7ad6b7169203331');
    expect(gatewayServer?.name).toBe('POST /graphql');
    const hrServer = trace.find((s) => s.service === 'hr' && s.kind === SERVER);
    const call = parentOf(hrServer);
    // hr's SERVER span is the child of that CLIENT span: the traceparent undici sent.
    expect(call?.service, names).toBe('gateway');
    expect(call?.kind).toBe(CLIENT);
    expect(call?.scope).toBe('@opentelemetry/instrumentation-undici');
    expect(call?.attributes['url.full']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(within(call, gatewayServer)).toBe(true);
    expect(hrServer?.scope).toBe('@opentelemetry/instrumentation-http');
    expect(hrServer?.name).toBe('POST /graphql');

    // hr's GraphQL execution inside its SERVER span, and the hire's SQL inside the execution, per the
    // database conventions: statement text with placeholders, never the values.
    const execute = trace.find(
      (s) =>
        s.service === 'hr' &&
        s.scope === '@opentelemetry/instrumentation-graphql' &&
        s.attributes['graphql.operation.type'] === 'mutation',
    );
    // The gateway names each subgraph operation after the client's: `Hire__hr__0`.
    expect(execute?.name, names).toMatch(/^mutation Hire__hr__\d+$/);
    expect(execute?.attributes['graphql.operation.name']).toMatch(/^Hire__hr__\d+$/);
    expect(within(execute, hrServer)).toBe(true);
    const sql = trace.filter((s) => s.service === 'hr' && s.scope === '@opentelemetry/instrumentation-pg');
    const insert = sql.find((s) => /INSERT INTO "?employee"?/.test(s.attributes['db.query.text'] ?? ''));
    expect(insert, names).toBeDefined();
    expect(insert).toMatchObject({ kind: CLIENT, name: 'INSERT' });
    expect(insert?.attributes).toMatchObject({
      'db.system.name': 'postgresql',
      'db.query.summary': 'INSERT',
    });
    expect(insert?.attributes['db.namespace']).toMatch(/^backoffice_hr/);
    expect(insert?.attributes['db.query.text']).toContain('$1');
    expect(within(insert, execute)).toBe(true);
    expect(sql.some((s) => /outbox/.test(s.attributes['db.query.text'] ?? ''))).toBe(true);

    // Across the bus: it's consumer is the child of a span of hr's (the relay's publish or the request
    // that recorded the event), with it's SQL inside it: one tree, no orphan.
    const consumer = trace.find((s) => s.service === 'it' && s.kind === CONSUMER);
    expect(parentOf(consumer)?.service, 'the consumer span’s parent').toBe('hr');
    expect(
      trace.some(
        (s) => s.service === 'it' && s.scope === '@opentelemetry/instrumentation-pg' && within(s, consumer),
      ),
    ).toBe(true);
    for (const s of trace)
      if (s !== gatewayServer) expect(byId.has(s.parentSpanId), `${s.name}'s parent`).toBe(true);

    // No personal data: neither the variables nor the SQL parameters reach any span of any process.
    const everything = JSON.stringify(received.map((s) => s.attributes));
    for (const value of ['Perlman', 'Radia', `radia.${whole.runId}`, '6100.00'])
      expect(everything, value).not.toContain(value);
    expect(received.some((s) => 'db.postgresql.values' in s.attributes)).toBe(false);
  }, 60_000);
});
