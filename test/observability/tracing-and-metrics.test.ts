import { hr as hrEvents } from '@backoffice/events';
import { type RunningSubgraph, type ReadableSpan, SpanKind, recordSpans } from '@backoffice/kit';
import {
  type TestRun,
  callSubgraph,
  eventually,
  newTestRun,
  startTestSubgraph,
  testIdentity,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hrSubgraph } from '../../services/hr/src/hr.subgraph.js';
import { itSubgraph } from '../../services/it/src/it.subgraph.js';

/**
 * One trace from the request to the consumer: hr and it in-process, spans recorded in memory. A
 * client's traceparent on `hireEmployee` must reach the SQL of the hire, the outbox, the relay's
 * publish, and it's onboarding consumer that opens the ticket. And /metrics answers with the names
 * the dashboard uses.
 */
let run: TestRun;
let hr: RunningSubgraph<unknown>;
let it_: RunningSubgraph<unknown>;
let recording: ReturnType<typeof recordSpans>;
const asHr = testIdentity(['hr']);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

const HIRE = /* GraphQL */ `
  mutation Hire($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }`;

async function hire(headers: Record<string, string> = {}): Promise<string> {
  const dept = await callSubgraph(
    hr.url,
    'mutation NewDepartment($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }',
    {
      i: {
        name: `Ops ${Math.random().toString(36).slice(2, 6)}`,
        costCenter: `OPS-${Math.random().toString(36).slice(2, 8)}`,
      },
    },
    asHr,
  );
  expect(dept.errors).toBeUndefined();
  const r = await callSubgraph(
    hr.url,
    HIRE,
    {
      input: {
        givenName: 'Margaret',
        familyName: 'Hamilton',
        email: `margaret.${Math.random().toString(36).slice(2, 8)}@example.com`,
        departmentId: dept.data.createDepartment.id,
        startDate: '2026-02-01',
        workLocation: 'OFFICE',
        contract: { monthlySalary: '7000.00', currency: 'EUR', fte: 1 },
      },
    },
    asHr,
    headers,
  );
  expect(r.errors).toBeUndefined();
  return r.data.hireEmployee.id;
}

beforeAll(async () => {
  recording = recordSpans();
  run = newTestRun();
  hr = await startTestSubgraph(run, hrSubgraph);
  it_ = await startTestSubgraph(run, itSubgraph);
});
afterAll(async () => {
  await run?.cleanup();
  await recording?.stop();
});

describe('tracing across the gateway hop, the database and the bus', () => {
  it('puts it’s onboarding consumer in the trace of the hireEmployee request', async () => {
    const employeeId = await hire({ traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` });
    const tickets = await eventually(
      () => it_.deps.db.query('SELECT id FROM ticket WHERE requester_id = $1', [employeeId]),
      (rows: unknown[]) => rows.length > 0,
      15_000,
    );
    expect(tickets).toHaveLength(1);

    const inTrace = (s: ReadableSpan) => s.spanContext().traceId === TRACE_ID;
    const spans = await eventually(
      async () => recording.spans().filter(inTrace),
      (list) => list.some((s) => s.name.startsWith('it-onboarding process')),
    );
    const server = spans.find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /graphql');
    expect(server?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    // The hire's SQL, in hr's database, inside the request's span tree.
    const hrSql = spans.filter((s) => String(s.attributes['db.namespace']).startsWith('backoffice_hr'));
    expect(
      hrSql.some((s) => s.name === 'INSERT' && String(s.attributes['db.query.text']).includes('outbox')),
    ).toBe(true);
    // The relay's publish, then it's consumer as a child of it, then the ticket's INSERT under the consumer.
    const publish = spans.find((s) => s.name === `publish ${hrEvents.employeeHired.type}`);
    expect(publish).toBeDefined();
    const consumer = spans.find((s) => s.name === `it-onboarding process ${hrEvents.employeeHired.type}`);
    expect(consumer?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
    expect(consumer?.attributes['messaging.consumer.group.name']).toBe('it-onboarding');
    const ticketInsert = spans.find(
      (s) =>
        s.parentSpanContext?.spanId === consumer?.spanContext().spanId &&
        s.name === 'INSERT' &&
        /INSERT INTO "?ticket"?/.test(String(s.attributes['db.query.text'])),
    );
    expect(ticketInsert?.attributes['db.namespace']).toMatch(/^backoffice_it/);
    // Parameters never reach a span: the employee's name is in the hire's SQL parameters only.
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('Hamilton');
  });

  it('starts a fresh trace when the caller sends none, and still links the consumer to it', async () => {
    const employeeId = await hire();
    await eventually(
      () => it_.deps.db.query('SELECT id FROM ticket WHERE requester_id = $1', [employeeId]),
      (rows: unknown[]) => rows.length > 0,
      15_000,
    );
    const consumerSpans = await eventually(
      async () =>
        recording
          .spans()
          .filter((s) => s.name.startsWith('it-onboarding process') && s.spanContext().traceId !== TRACE_ID),
      (list) => list.length > 0,
    );
    const traceId = consumerSpans[0].spanContext().traceId;
    const root = recording
      .spans()
      .find((s) => s.spanContext().traceId === traceId && s.kind === SpanKind.SERVER);
    expect(root).toBeDefined();
    expect(root?.parentSpanContext?.spanId).toBeUndefined();
  });
});

/** The value of the sample `name{labels}` in an exposition text, whatever the label order; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  const scrape = async (running: RunningSubgraph<unknown>) => {
    const res = await fetch(`http://127.0.0.1:${running.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  it('counts requests and errors per operation, and reports the pool and the outbox', async () => {
    await hire();
    const anonymous = await callSubgraph(hr.url, HIRE, { input: {} });
    const code = anonymous.errors?.[0].extensions?.code as string;
    expect(code).toBeDefined();
    const text = await scrape(hr);
    const hr_ = { service: 'hr' };
    expect(
      sample(text, 'backoffice_graphql_requests_total', { ...hr_, operation: 'Hire', outcome: 'ok' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'backoffice_graphql_requests_total', { ...hr_, operation: 'Hire', outcome: 'error' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'backoffice_graphql_request_duration_seconds_count', { ...hr_, operation: 'Hire' }),
    ).toBeGreaterThan(1);
    expect(
      sample(text, 'backoffice_graphql_request_duration_seconds_bucket', {
        ...hr_,
        operation: 'Hire',
        le: '+Inf',
      }),
    ).toBeGreaterThan(1);
    expect(
      sample(text, 'backoffice_graphql_errors_total', { ...hr_, operation: 'Hire', code }),
    ).toBeGreaterThan(0);
    for (const state of ['total', 'idle', 'waiting'])
      expect(sample(text, 'backoffice_db_pool_connections', { ...hr_, state })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'backoffice_db_pool_connections', { ...hr_, state: 'total' })).toBeGreaterThan(0);
    expect(sample(text, 'backoffice_outbox_backlog', hr_)).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'backoffice_outbox_oldest_unsent_age_seconds', hr_)).toBeGreaterThanOrEqual(0);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/backoffice_metrics_scrape_failures_total\{service="hr"\} 0/);
  });

  it('reports consumer lag, dead letters and sequence gaps per durable', async () => {
    const text = await scrape(it_);
    const durable = { service: 'it', durable: 'it-onboarding' };
    expect(sample(text, 'backoffice_consumer_lag', durable)).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'backoffice_dead_letters', durable)).toBe(0);
    expect(sample(text, 'backoffice_sequence_gaps', { ...durable, state: 'open' })).toBe(0);
    expect(sample(text, 'backoffice_sequence_gaps', { ...durable, state: 'unrecoverable' })).toBe(0);
    expect(sample(text, 'backoffice_consumer_events', { ...durable, result: 'applied' })).toBeGreaterThan(0);
  });
});
