import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  BodyTooLargeError,
  firstHeader,
  type Identity,
  readBody,
  sendGraphQLError,
  toHeaderMap,
} from '@backoffice/kit';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import { requestedHash, resolvePersisted } from '../persisted-queries.js';
import type { Guards } from './guards.js';

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, context: GatewayContext) => Promise<void>;

/** A value, or `refused` once the refusal has been answered. */
const refused = Symbol('refused');

/** `/graphql`: the body read within its limit, the caller identified and rate-limited, persisted operations filled in. */
export function graphqlRoute(
  config: GatewayConfig,
  apollo: ApolloServer<GatewayContext>,
  guards: Guards,
): Route {
  return async (req, res, url, context) => {
    const method = req.method ?? 'GET';
    if (method !== 'POST' && method !== 'GET') {
      sendGraphQLError(res, 405, 'BAD_USER_INPUT', 'use POST (or GET for queries) on /graphql', {
        allow: 'GET, POST',
      });
      return;
    }
    const body = method === 'POST' ? await readRequestBody(req, res, config.limits.maxBodyBytes) : undefined;
    if (body === refused) return;
    const identity = await guards.identityOr401(req, res);
    if (!identity) return;
    context.identity = identity;
    if (!guards.withinRateLimit(req, res, identity)) return;
    const request = withPersistedOperation(config, identity, method, body, url.search);
    if (!request.ok) return sendGraphQLError(res, request.status, 'BAD_USER_INPUT', request.message);

    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers: toHeaderMap(req), search: request.search, body: request.body },
      context: async () => context,
    });
    res.statusCode = result.status ?? 200;
    for (const [name, value] of result.headers) res.setHeader(name, value);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };
}

/** A POST body: parsed when it says it is JSON, else the text for Apollo to refuse. */
async function readRequestBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
): Promise<unknown | typeof refused> {
  let raw: Buffer;
  try {
    raw = await readBody(req, maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // Do not read the rest of an oversized upload; close the connection once the answer is out.
    sendGraphQLError(res, 413, 'BAD_USER_INPUT', error.message, { connection: 'close' });
    return refused;
  }
  const contentType = firstHeader(req, 'content-type') ?? '';
  if (!contentType.includes('json')) return raw.toString('utf8');
  try {
    return raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
  } catch {
    sendGraphQLError(res, 400, 'BAD_USER_INPUT', 'the request body is not valid JSON');
    return refused;
  }
}

type PersistedRequest =
  | { ok: true; body: unknown; search: string }
  | { ok: false; status: number; message: string };

/**
 * Persisted operations: the text filled in from the manifest, and in PERSISTED_QUERIES_ONLY mode
 * ad-hoc text refused from callers without an ad-hoc role.
 */
function withPersistedOperation(
  config: GatewayConfig,
  identity: Identity,
  method: string,
  body: unknown,
  search: string,
): PersistedRequest {
  if (method === 'POST' && body && typeof body === 'object' && !Array.isArray(body)) {
    const request = body as Record<string, unknown>;
    const hash = requestedHash(request.extensions, request.id);
    const outcome = resolvePersisted(config.security, identity, request.query, hash);
    if (!outcome.ok) return outcome;
    const { persistedQuery: _, ...extensions } = (request.extensions ?? {}) as Record<string, unknown>;
    return { ok: true, body: { ...request, query: outcome.query, extensions }, search };
  }
  if (method === 'GET') {
    const params = new URLSearchParams(search);
    const hash = requestedHash(params.get('extensions') ?? undefined, params.get('id') ?? undefined);
    const outcome = resolvePersisted(config.security, identity, params.get('query') ?? undefined, hash);
    if (!outcome.ok) return outcome;
    if (outcome.query !== undefined) params.set('query', outcome.query);
    params.delete('extensions');
    params.delete('id');
    return { ok: true, body, search: `?${params}` };
  }
  return { ok: true, body, search };
}
