import type { IncomingMessage } from 'node:http';
import { ROOT_CONTEXT, context, trace } from '@opentelemetry/api';
import { RPCType, getRPCMetadata } from '@opentelemetry/core';
import { serverSpanOf } from './instrumentations.js';
import { extractTraceContext, traceIdOf } from './tracing.js';

/**
 * Names the active request's SERVER span after the matched route (`/graphql`,
 * `/documents/:id/content`, never the raw path): the http instrumentation reads it when the
 * response ends, for `http.route` and the span name `POST /graphql`. A no-op without tracing.
 */
export function nameRequestRoute(route: string): void {
  const rpc = getRPCMetadata(context.active());
  if (rpc?.type === RPCType.HTTP) rpc.route = route;
}

/**
 * The trace id of a request, for its log lines: of its server span, or with tracing off of the
 * `traceparent` its caller sent (a client's, or the gateway's), so logs still join the caller's trace.
 */
export function requestTraceId(req: IncomingMessage): string | undefined {
  const span =
    serverSpanOf(req) ??
    (req.headers.traceparent ? trace.getSpan(extractTraceContext(req.headers, ROOT_CONTEXT)) : undefined);
  return traceIdOf(span);
}
