import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANONYMOUS, firstHeader, sendGraphQLError } from '@backoffice/kit';
import type { GatewayContext } from '../context.js';
import { createRouter, type RouteDeps } from './routes.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The gateway's request handler: each request gets its context (a request id, the caller once
 * identified), one log line when it closes, a span, and a 500 if a route throws.
 */
export function createHandler(deps: RouteDeps) {
  const { log, observe } = deps;
  const route = createRouter(deps);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const context = requestContext(req);
    res.setHeader('x-request-id', context.requestId);
    // While stopping, tell keep-alive clients to go elsewhere so the drain finishes.
    if (deps.isStopping()) res.setHeader('connection', 'close');

    // `new URL` resolves dot segments (also %2e), so /documents/../graphql cannot slip past the routing.
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://gateway.invalid');
    } catch {
      sendGraphQLError(res, 400, 'BAD_USER_INPUT', 'malformed request URL');
      return;
    }
    res.once('close', () => {
      log.info(
        {
          requestId: context.requestId,
          method: req.method,
          path: url.pathname,
          operationName: context.seen.operationName,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          userId: context.identity.userId,
          traceId: observe.traceId(req),
        },
        'request',
      );
    });
    observe
      .handle(res, url.pathname, () => route(req, res, url, context))
      .catch((error: unknown) => {
        log.error({ requestId: context.requestId, err: error }, 'request failed');
        if (!res.headersSent) sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error');
        else res.destroy();
      });
  };
}

/** Anonymous until the route identifies the caller; the client's request id kept when it is well-formed. */
function requestContext(req: IncomingMessage): GatewayContext {
  const given = firstHeader(req, 'x-request-id');
  return {
    identity: ANONYMOUS,
    requestId: given && REQUEST_ID.test(given) ? given : randomUUID(),
    idempotencyKey: firstHeader(req, 'idempotency-key'),
    seen: { operationName: null },
  };
}
