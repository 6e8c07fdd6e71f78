import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { nameRequestRoute } from './observability/http-tracing.js';
import { tracingEnabled } from './observability/tracing.js';
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

/** The request body was larger than the limit (MAX_BODY_BYTES at the gateway, maxBodyBytes in a subgraph). */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes (MAX_BODY_BYTES)`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads the whole body, refusing early on a declared Content-Length over the limit and otherwise as
 * soon as the streamed bytes pass it, so an oversized upload never sits in memory.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** The request's headers as Apollo Server takes them: repeated headers joined with a comma. */
export function toHeaderMap(req: IncomingMessage): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

export function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A JSON body; `headers` may name another JSON content type (sendGraphQLError does). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/** How well one media range of an Accept header matches `type`: its q, how specific it is, its place. */
function acceptance(accept: string, type: string): { q: number; specificity: number; index: number } {
  const [major] = type.split('/');
  let best = { q: 0, specificity: -1, index: Number.MAX_SAFE_INTEGER };
  accept.split(',').forEach((part, index) => {
    const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const specificity = range === type ? 2 : range === `${major}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (specificity < best.specificity || (specificity === best.specificity && index >= best.index)) return;
    if (specificity < 0) return;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    // The most specific range that matches decides (RFC 9110 12.5.1); among equals, the first.
    best = { q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0, specificity, index };
  });
  return best;
}

/**
 * The media type for a GraphQL response, from the client's Accept (GraphQL over HTTP):
 * `application/graphql-response+json` when the client prefers it to `application/json` (a higher q,
 * else a more specific range, else listed first), `application/json` otherwise, also without an Accept
 * header, for `*\/*` and when it accepts neither (an error is answered rather than a 406).
 */
export function graphqlResponseType(
  accept: string | undefined,
): typeof GRAPHQL_RESPONSE_JSON | 'application/json' {
  if (!accept) return 'application/json';
  const graphql = acceptance(accept, GRAPHQL_RESPONSE_JSON);
  if (graphql.q <= 0) return 'application/json';
  const json = acceptance(accept, 'application/json');
  const prefers =
    graphql.q !== json.q
      ? graphql.q > json.q
      : graphql.specificity !== json.specificity
        ? graphql.specificity > json.specificity
        : graphql.index < json.index;
  return prefers ? GRAPHQL_RESPONSE_JSON : 'application/json';
}

/**
 * A GraphQL-shaped error body, so clients parse every failure the same way; in the media type the
 * request's Accept prefers (graphqlResponseType). `extensions` go beside the code.
 */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): void {
  const accept = res.req?.headers?.accept;
  const type = graphqlResponseType(Array.isArray(accept) ? accept.join(',') : accept);
  sendJson(
    res,
    status,
    { errors: [{ message, extensions: { ...extensions, code } }] },
    { ...headers, 'content-type': `${type}; charset=utf-8` },
  );
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
  /** Answers a POST itself before Apollo, or not (subgraph/prepared-path.ts). */
  prepared?: (
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    rawBody: string,
  ) => Promise<PreparedOutcome<C>>;
}

/**
 * What the prepared path did: answered (true), or left the request to Apollo, with the context it
 * already made (made once: the identity statement in it is single-use).
 */
export type PreparedOutcome<C> = true | { context: () => Promise<C> } | undefined;

/**
 * A minimal node:http integration for Apollo Server: `POST /graphql` (and GET for the dev landing
 * page) plus plain routes (`/health`, `/ready`, file downloads). Nothing else to configure or trust.
 */
export function createGraphQLHttpServer<C extends BaseContext>(options: GraphQLHttpOptions<C>): http.Server {
  const routes = options.routes ?? [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      // `/graphql` as sent by every client (no query string) needs no URL parsed for it.
      const url = req.url === '/graphql' ? undefined : new URL(req.url ?? '/', 'http://localhost');
      if (!url || url.pathname === '/graphql') {
        // Its own scope per request: what its idempotency claim is, for the commit that applies it.
        await inIdempotencyScope(() => serveGraphQL(options, req, res, url?.search ?? ''));
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
        sendJson(res, e instanceof BodyTooLargeError ? 413 : 500, {
          error: e instanceof BodyTooLargeError ? 'request body too large' : 'internal error',
        });
      else res.destroy();
    }
  };
  // The http instrumentation makes each request's server span (continuing the caller's traceparent)
  // when tracing is on; it is named after the matched route, never the raw path.
  const server = http.createServer((req, res) => {
    if (tracingEnabled()) nameRequestRoute(routeName(req, routes));
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

async function serveGraphQL<C extends BaseContext>(
  options: GraphQLHttpOptions<C>,
  req: IncomingMessage,
  res: ServerResponse,
  search: string,
): Promise<void> {
  let body: unknown;
  let text = '';
  if (req.method === 'POST') {
    text = (await readBody(req, options.maxBodyBytes)).toString('utf8');
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      sendJson(res, 400, {
        errors: [{ message: 'the request body is not JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
  }
  let context = () => options.context(req, text);
  if (options.prepared && req.method === 'POST') {
    const outcome = await options.prepared(req, res, body, text);
    if (outcome === true) return;
    if (outcome) context = outcome.context;
  }
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search, body },
    context,
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    // With its length known the answer goes out in one write, not as a chunk with framing around it.
    res.setHeader('content-length', Buffer.byteLength(result.body.string));
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
