import http from 'node:http';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitEvents } from '../events/contracts.fixture.js';
import { domainEvent } from '../events/envelope.js';
import { producerContext, withTraceparent } from './events.js';
import { observabilityPlugin } from './graphql-plugin.js';
import { sqlVerb } from './instrumentations.js';
import { createServiceMetrics } from './metrics.js';
import { recordSpans } from './recording.js';
import {
  currentTraceparent,
  extractTraceContext,
  inSpan,
  otlpTracesUrl,
  startTracing,
  traceHeaders,
  tracingEnabled,
} from './tracing.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const require = createRequire(import.meta.url);
/** The instrumentation packages this process has loaded, and whether node:http's servers are patched. */
const instrumented = () => ({
  loaded: Object.keys(require.cache).filter((file) => file.includes('@opentelemetry/instrumentation')),
  httpPatched: '__wrapped' in http.Server.prototype.emit,
});

describe('tracing off (no exporter, no OTLP endpoint)', () => {
  it('registers nothing and records nothing, yet passes a caller’s traceparent through', async () => {
    expect(startTracing({ serviceName: 'x', env: {} })).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    // The request path pays nothing: no instrumentation is even loaded, node:http is as shipped.
    expect(instrumented()).toEqual({ loaded: [], httpPatched: false });
    const result = await inSpan('work', {}, async (span) => {
      expect(span.isRecording()).toBe(false);
      return currentTraceparent();
    });
    expect(result).toBeUndefined();
    const ctx = extractTraceContext({ traceparent: TRACEPARENT });
    expect(traceHeaders(ctx).traceparent).toBe(TRACEPARENT);
  });

  it('finds the OTLP endpoint the way the OpenTelemetry SDKs do', () => {
    expect(otlpTracesUrl({})).toBeUndefined();
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(
      otlpTracesUrl({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://other:4318/traces',
      }),
    ).toBe('http://other:4318/traces');
    expect(
      otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
  });
});

describe('tracing on', () => {
  let recording: ReturnType<typeof recordSpans>;
  beforeAll(() => {
    recording = recordSpans('unit');
  });
  afterAll(() => recording.stop());

  it('loads the instrumentations and patches node:http, and unpatches it when stopped', async () => {
    expect(instrumented().loaded.length).toBeGreaterThan(0);
    expect(instrumented().httpPatched).toBe(true);
    await recording.stop();
    expect(instrumented().httpPatched).toBe(false);
    recording = recordSpans('unit');
  });

  it('records a span per unit of work, children under their parent, errors marked', async () => {
    await expect(
      inSpan('outer', { parent: extractTraceContext({ traceparent: TRACEPARENT }) }, async () => {
        await inSpan('inner', {}, async () => undefined);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const outer = recording.spans().find((s) => s.name === 'outer');
    const inner = recording.spans().find((s) => s.name === 'inner');
    expect(outer?.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(outer?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(outer?.status).toMatchObject({ code: 2, message: 'boom' });
  });

  it('writes the active span into a recorded event, and the consumer side reads it back', async () => {
    const event = await inSpan('hire', {}, async () =>
      withTraceparent(domainEvent(kitEvents.greetingSaid, 'e1', { text: 'hello' })),
    );
    const hire = recording.spans().find((s) => s.name === 'hire');
    expect(event.traceparent).toBe(`00-${hire?.spanContext().traceId}-${hire?.spanContext().spanId}-01`);
    expect(trace.getSpanContext(producerContext(event))?.spanId).toBe(hire?.spanContext().spanId);
    // An event that already carries one (a replay) keeps it.
    const replayed = await inSpan('replay', {}, async () => withTraceparent({ ...event }));
    expect(replayed.traceparent).toBe(event.traceparent);
    // Outside any span nothing is added.
    expect(
      withTraceparent(domainEvent(kitEvents.greetingSaid, 'e2', { text: 'hello' })).traceparent,
    ).toBeUndefined();
  });
});

describe('metrics', () => {
  it('bounds operation names: anonymous, invalid, and `other` past the limit', () => {
    const m = createServiceMetrics('hr', { processMetrics: false, maxOperations: 2 });
    expect(m.operationLabel(null)).toBe('anonymous');
    expect(m.operationLabel('drop table; --')).toBe('invalid');
    expect(m.operationLabel('A')).toBe('A');
    expect(m.operationLabel('B')).toBe('B');
    expect(m.operationLabel('C')).toBe('other');
    expect(m.operationLabel('A')).toBe('A');
  });

  it('keeps a scrape fast when a database-backed gauge hangs, and counts the stale scrape', async () => {
    const m = createServiceMetrics('hr', { processMetrics: false, scrapeTimeoutMs: 50 });
    m.onScrape(() => new Promise(() => undefined));
    const started = Date.now();
    const { body, contentType } = await m.render();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(contentType).toContain('text/plain');
    expect(body).toContain('backoffice_metrics_scrape_failures_total{service="hr"} 1');
  });
});

describe('the request log line and GraphQL metrics (plugin)', () => {
  it('logs one line per request with operation and duration, never the variables', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const log = pino({ level: 'info' }, sink).child({ requestId: 'r-1', userId: 'u-1' });
    const metrics = createServiceMetrics('hr', { processMetrics: false });
    const apollo = new ApolloServer<{ log: typeof log }>({
      typeDefs: 'type Query { hello(name: String): String, fail: String }',
      resolvers: {
        Query: {
          hello: (_: unknown, { name }: { name: string }) => `hi ${name}`,
          fail: () => {
            throw Object.assign(new Error('nope'), { extensions: { code: 'FORBIDDEN' } });
          },
        },
      },
      plugins: [observabilityPlugin({ metrics, requestLog: (ctx) => ({ log: ctx.log }) })],
    });
    await apollo.start();
    await apollo.executeOperation(
      { query: 'query Greet($n: String) { hello(name: $n) }', variables: { n: 'SECRET-NAME' } },
      { contextValue: { log } },
    );
    await apollo.executeOperation({ query: 'query Fails { fail }' }, { contextValue: { log } });
    await apollo.stop();
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ requestId: 'r-1', userId: 'u-1', operationName: 'Greet' });
    expect(typeof requests[0].durationMs).toBe('number');
    expect(requests[1]).toMatchObject({ operationName: 'Fails' });
    expect(requests[1].errorCodes).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('SECRET-NAME');
    const text = (await metrics.render()).body;
    expect(text).toContain(
      'backoffice_graphql_requests_total{operation="Greet",outcome="ok",service="hr"} 1',
    );
    expect(text).toMatch(
      /backoffice_graphql_errors_total\{operation="Fails",code="[A-Z_]+",service="hr"\} 1/,
    );
  });

  it('names SQL spans after the statement', () => {
    expect(sqlVerb('  insert into outbox')).toBe('INSERT');
    expect(sqlVerb('/* typeorm */ SELECT 1')).toBe('SELECT');
    expect(sqlVerb('')).toBe('SQL');
  });
});

describe('the resource spans are exported with', () => {
  const saved = { attributes: process.env.OTEL_RESOURCE_ATTRIBUTES, name: process.env.OTEL_SERVICE_NAME };
  afterAll(() => {
    for (const [key, value] of [
      ['OTEL_RESOURCE_ATTRIBUTES', saved.attributes],
      ['OTEL_SERVICE_NAME', saved.name],
    ] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  });

  it('takes OTEL_RESOURCE_ATTRIBUTES over ours, and OTEL_SERVICE_NAME over both', async () => {
    process.env.OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment.name=staging,service.name=from-attributes';
    delete process.env.OTEL_SERVICE_NAME;
    let recording = recordSpans('hr');
    await inSpan('work', {}, async () => undefined);
    const [first] = recording.spans();
    expect(first.resource.attributes).toMatchObject({
      'deployment.environment.name': 'staging',
      'service.name': 'from-attributes',
      'service.namespace': 'backoffice',
    });
    await recording.stop();
    process.env.OTEL_SERVICE_NAME = 'hr-eu';
    recording = recordSpans('hr');
    await inSpan('work', {}, async () => undefined);
    expect(recording.spans()[0].resource.attributes['service.name']).toBe('hr-eu');
    await recording.stop();
  });
});
