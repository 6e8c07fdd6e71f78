import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  bodyDigest,
  type Identity,
  IDENTITY_HEADER,
  type Keyring,
  type Logger,
  STREAMED_BODY,
  sendGraphQLError,
  identitySignerOf,
} from '@backoffice/kit';
import { type Agent, request } from 'undici';

/**
 * Plain HTTP routes a subgraph serves that clients reach through the gateway at the same path
 * (contract: "HTTP routes besides GraphQL"): `/documents/*` (documents) and `/exports/*` (accounting).
 */
export const PASSTHROUGH_ROUTES: readonly { prefix: string; service: string }[] = [
  { prefix: '/documents/', service: 'documents' },
  { prefix: '/exports/', service: 'accounting' },
];

export function passthroughService(pathname: string): string | undefined {
  // `POST /documents` (a streamed upload) is the collection itself, without a trailing slash.
  return PASSTHROUGH_ROUTES.find(
    (route) => pathname.startsWith(route.prefix) || pathname === route.prefix.slice(0, -1),
  )?.service;
}

/** Connection-level headers that describe one hop and must not be forwarded (RFC 9110 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
]);

function requestHeaders(
  req: IncomingMessage,
  target: PassthroughTarget,
  options: { identity: Identity; keyring: Keyring; requestId: string },
) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    // The subgraph trusts the gateway's signature, never the user's token or identity headers
    // the client sent itself.
    if (name === 'authorization' || name.startsWith(IDENTITY_HEADER)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // Streamed both ways, so the bytes of an upload are not in the statement: it is bound to this
  // method and path at this subgraph, once. A GET has no body, which is what its digest says.
  const method = (req.method ?? 'GET').toUpperCase();
  const bodiless = method === 'GET' || method === 'HEAD';
  const request = {
    audience: target.service,
    method,
    path: target.pathAndQuery,
    body: bodiless ? bodyDigest('') : STREAMED_BODY,
  };
  Object.assign(headers, identitySignerOf(options.keyring)(options.identity, request));
  headers['x-request-id'] = options.requestId;
  return headers;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>) {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  return headers;
}

export interface PassthroughTarget {
  /** The subgraph's name, to which the forwarded identity is addressed. */
  service: string;
  /** The subgraph origin, e.g. http://127.0.0.1:4003 */
  origin: string;
  /** Normalised path and query, already checked to sit under a passthrough prefix. */
  pathAndQuery: string;
}

/** Streams the request to the subgraph and the answer back, both ways without buffering. */
export async function forwardHttp(
  req: IncomingMessage,
  res: ServerResponse,
  target: PassthroughTarget,
  options: { identity: Identity; keyring: Keyring; requestId: string; agent: Agent; log: Logger },
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody =
    method !== 'GET' &&
    method !== 'HEAD' &&
    (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0);
  let upstream: Awaited<ReturnType<typeof request>>;
  try {
    upstream = await request(target.origin + target.pathAndQuery, {
      dispatcher: options.agent,
      method: method as 'GET',
      headers: requestHeaders(req, target, options),
      body: hasBody ? req : undefined,
    });
  } catch (error) {
    options.log.warn({ err: error, path: target.pathAndQuery.split('?')[0] }, 'passthrough upstream failed');
    if (!res.headersSent)
      sendGraphQLError(res, 502, 'BAD_GATEWAY', 'the service behind this route is unavailable; retry later');
    return;
  }
  res.writeHead(upstream.statusCode, responseHeaders(upstream.headers));
  try {
    await pipeline(upstream.body, res);
  } catch {
    // The client went away or the upstream broke mid-stream; the connection is already done.
    upstream.body.destroy();
  }
}
