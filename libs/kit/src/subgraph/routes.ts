import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import { verifyRouteIdentity } from '../auth/forwarded.js';
import { ANONYMOUS } from '../auth/identity.js';
import type { Keyring } from '../auth/keys.js';
import type { Route } from '../http.js';
import type { Logger } from '../logger.js';
import { requestContext } from './context.js';
import type { ServiceContext } from './definition.js';

/**
 * A subgraph's own plain HTTP route (a download, an upload, an export). Its handler receives the
 * request's context as a resolver does, with the caller the gateway signed for this method and path;
 * a request without a valid statement comes as anonymous (a refused one is logged), and the route
 * answers anonymous callers in its own words.
 */
export interface ServiceRoute<S> {
  method: Route['method'];
  /** A path pattern with `:params`, e.g. `/documents/:id/content`. */
  path: string;
  handle: (
    ctx: ServiceContext<S>,
    req: IncomingMessage,
    res: ServerResponse,
    params: Record<string, string>,
    url: URL,
  ) => Promise<void> | void;
}

/** The service's routes as the HTTP server takes them: the identity verified before each handler runs. */
export function serviceRoutes<S>(
  routes: ServiceRoute<S>[],
  options: { name: string; keyring: Keyring; log: Logger; db: DataSource; services: S },
): Route[] {
  return routes.map((route) => ({
    method: route.method,
    path: route.path,
    handle: (req, res, params, url) => {
      const verified = verifyRouteIdentity(options, req);
      const ctx = requestContext(verified.ok ? verified.identity : ANONYMOUS, req, options);
      return route.handle(ctx, req, res, params, url);
    },
  }));
}
