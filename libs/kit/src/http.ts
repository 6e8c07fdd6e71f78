import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { inServerSpan } from './observability/http-tracing.js';
import { inIdempotencyScope } from './graphql/idempotency.js';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path pattern with `:params`, e.g. `/documents/:id/content`. */
  path: string;
  handle: (
    req: IncomingMessage,
    res: ServerResponse,
    params: Record<string, string>,
    url: URL,
  ) => Promise<void> | void;
}

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const a = path.split('/');
  if (p.length !== a.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      if (!a[i]) return undefined;
      params[p[i].slice(1)] = decodeURIComponent(a[i]);
    } else if (p[i] !== a[i]) return undefined;
  }
  return params;
}

/** The matched route pattern, for span names: never the raw path (ids would explode their number). */
function routeName(req: IncomingMessage, routes: Route[]): string {
  const pathname = (req.url ?? '/').split('?')[0];
  if (pathname === '/graphql') return pathname;
  try {
    return routes.find((r) => r.method === req.method && match(r.path, pathname))?.path ?? 'unmatched';
  } catch {
    return 'unmatched'; // a malformed escape: the handler answers it
  }
}

export interface GraphQLHttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** `rawBody`: the request body exactly as received ('' for GET), for checks that cover it. */
  context: (req: IncomingMessage, rawBody: string) => Promise<C>;
  maxBodyBytes: number;
  routes?: Route[];
  onError?: (e: unknown) => void;
}

/**
 * A minimal node:http integration for Apollo Server: `POST /graphql` (and GET for the dev landing
 * page) plus plain routes (`/health`, `/ready`, file downloads). Nothing else to configure or trust.
 */
export function createGraphQLHttpServer<C extends BaseContext>(options: GraphQLHttpOptions<C>): http.Server {
  const routes = options.routes ?? [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/graphql') {
        // Its own scope per request: what its idempotency claim is, for the commit that applies it.
        await inIdempotencyScope(() => serveGraphQL(options, req, res, url));
        return;
      }
      for (const route of routes) {
        if (route.method !== req.method) continue;
        const params = match(route.path, url.pathname);
        if (params) {
          await route.handle(req, res, params, url);
          return;
        }
      }
      sendJson(res, 404, { error: 'not found' });
    } catch (e) {
      options.onError?.(e);
      if (!res.headersSent)
        sendJson(res, e instanceof BodyTooLarge ? 413 : 500, {
          error: e instanceof BodyTooLarge ? 'request body too large' : 'internal error',
        });
      else res.destroy();
    }
  };
  // Each request in a server span continuing the caller's traceparent (a no-op unless tracing is on).
  const server = http.createServer((req, res) => {
    void inServerSpan(req, res, routeName(req, routes), () => handle(req, res));
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

async function serveGraphQL<C extends BaseContext>(
  options: GraphQLHttpOptions<C>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  let text = '';
  if (req.method === 'POST') {
    text = await readBody(req, options.maxBodyBytes);
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      sendJson(res, 400, {
        errors: [{ message: 'the request body is not JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
  }
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () => options.context(req, text),
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops taking connections and waits for in-flight requests (idle keep-alive sockets are closed). */
export function closeServer(server: http.Server, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
