import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { extractTraceContext, traceIdOf, tracer, tracingEnabled } from './tracing.js';

const spans = new WeakMap<IncomingMessage, Span>();

/**
 * Runs an HTTP request's handling inside a SERVER span that continues the caller's `traceparent`
 * (the gateway's, or a client's), so resolvers, SQL statements and recorded events join that trace.
 * `route` is the matched pattern (`/graphql`, `/documents/:id/content`), never the raw path.
 */
export function inServerSpan<T>(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  handle: () => Promise<T>,
): Promise<T> {
  // Nothing records: no span, no listener, no context to enter (the API's no-op context manager
  // would not carry it anyway); a log line reads the caller's trace id from the headers instead.
  if (!tracingEnabled()) return handle();
  const parent = extractTraceContext(req.headers, ROOT_CONTEXT);
  const span = tracer().startSpan(
    `${req.method ?? 'GET'} ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method ?? 'GET', 'http.route': route },
    },
    parent,
  );
  spans.set(req, span);
  res.once('close', () => {
    if (span.isRecording()) {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  });
  return context.with(trace.setSpan(parent, span), handle);
}

/**
 * The request's span. With tracing off it is the caller's context (a non-recording span), so log
 * lines still carry the trace id a client or the gateway sent.
 */
export function requestSpan(req: IncomingMessage): Span | undefined {
  return spans.get(req) ?? callerSpan(req);
}

/** The trace id of a request, for its log lines. */
export function requestTraceId(req: IncomingMessage): string | undefined {
  return traceIdOf(requestSpan(req));
}

function callerSpan(req: IncomingMessage): Span | undefined {
  return req.headers.traceparent ? trace.getSpan(extractTraceContext(req.headers, ROOT_CONTEXT)) : undefined;
}
