import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, graphqlClient, mintToken } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholePlatform } from '../support/whole-platform.js';

/**
 * The trace of a hire as an operator's collector receives it: every process of the platform exports
 * OTLP/HTTP to a receiver in this test (as to an OpenTelemetry Collector), and one trace, started by
 * the client's traceparent, runs from the gateway through hr's request and its outbox, over the bus,
 * to it's consumer that opens the onboarding ticket. Each span arrives with its process's resource.
 */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
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
      const service =
        rs.resource?.attributes?.find((a: { key: string }) => a.key === 'service.name')?.value?.stringValue ??
        '?';
      for (const ss of rs.scopeSpans ?? [])
        for (const s of ss.spans ?? [])
          received.push({
            service,
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId ?? '',
            name: s.name,
            kind: s.kind,
          });
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
const whole = wholePlatform({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
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
        query: 'mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }',
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
      (spans) => spans.some((s) => s.service === 'it' && s.kind === 5 /* CONSUMER */),
      30_000,
    );
    expect(refused).toEqual([]);
    const services = new Set(trace.map((s) => s.service));
    for (const name of ['gateway', 'hr', 'it']) expect(services, `spans of ${name}`).toContain(name);
    // hr's request continues the gateway's call, and it's consumer a span of hr's (the relay's publish
    // or the request that recorded the event): one tree, no orphan.
    const ids = new Set(trace.map((s) => s.spanId));
    const hrServer = trace.find((s) => s.service === 'hr' && s.kind === 2 /* SERVER */);
    expect(hrServer, JSON.stringify(trace.map((s) => `${s.service} ${s.name}`))).toBeDefined();
    expect(ids.has(hrServer?.parentSpanId ?? '')).toBe(true);
    const consumer = trace.find((s) => s.service === 'it' && s.kind === 5);
    const parent = trace.find((s) => s.spanId === consumer?.parentSpanId);
    expect(parent?.service, 'the consumer span’s parent').toBe('hr');
  }, 60_000);
});
