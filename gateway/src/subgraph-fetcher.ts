import { RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  ANONYMOUS,
  bodyDigest,
  decodeIdentity,
  encodeIdentity,
  type Keyring,
  identitySignerOf,
} from '@backoffice/kit';
import { Agent, request } from 'undici';
import type { GatewayContext } from './context.js';
import { type DirectAnswers, INCOMING_OPERATION } from './direct/direct-answers.js';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * One keep-alive connection pool per subgraph origin, bounded so a burst cannot open thousands of
 * sockets to one service. Measured: the default fetcher (make-fetch-happen) is the gateway's largest
 * single cost, and undici's `request` on a pool about doubles throughput (shared/notes/gateway.md).
 */
export function createSubgraphAgent(connectionsPerOrigin: number): Agent {
  return new Agent({
    connections: connectionsPerOrigin,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
}

/**
 * A fetcher for RemoteGraphQLDataSource on undici's `request`. The response implements only what
 * the data source reads (`ok`, `status`, `statusText`, `url`, `headers.get`, `json`, `text`); the
 * rest of the fetch Response surface would cost allocations on every subgraph call for nothing.
 */
export function createSubgraphFetcher(agent: Agent): Fetcher {
  return async (url, init) => {
    const response = await request(url, {
      dispatcher: agent,
      method: (init?.method ?? 'POST') as 'POST',
      headers: init?.headers,
      body: init?.body,
    });
    const headers = response.headers;
    const get = (name: string): string | null => {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    const minimal = {
      ok,
      status: response.statusCode,
      statusText: String(response.statusCode),
      url,
      redirected: false,
      get bodyUsed() {
        return response.body.bodyUsed;
      },
      headers: { get, has: (name: string) => get(name) !== null },
      json: () => response.body.json(),
      text: () => response.body.text(),
      arrayBuffer: () => response.body.arrayBuffer(),
      clone: () => {
        throw new Error('subgraph fetcher responses cannot be cloned');
      },
    };
    return minimal as unknown as FetcherResponse;
  };
}

/**
 * The caller, as the data source hands it to the signer: the encoded identity without a signature.
 * It never leaves the gateway (signSubgraphCalls replaces it); until then it is what in-flight
 * de-duplication keys on, since the signed statement is unique per call.
 */
export const CALLER_HEADER = 'x-backoffice-caller';

/**
 * Puts the caller, the idempotency key and the request id of the client request on each subgraph
 * call. The identity is signed later, by signSubgraphCalls, once the body is final.
 */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly direct?: DirectAnswers,
  ) {
    super(config);
  }

  /** A request this data source already sent for a direct answer is not sent again (direct-answers.ts). */
  override async process(
    options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0],
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    if (this.direct && options.kind === INCOMING_OPERATION) {
      const outcome = this.direct.replayed(options.incomingRequestContext.context, this);
      if (outcome && 'error' in outcome) throw outcome.error;
      if (outcome) return outcome.response;
    }
    return super.process(options);
  }

  override willSendRequest({
    request: subgraphRequest,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    const headers = subgraphRequest.http?.headers;
    if (!headers) return;
    headers.set(CALLER_HEADER, encodeIdentity(context?.identity ?? ANONYMOUS));
    if (context?.idempotencyKey) headers.set('idempotency-key', context.idempotencyKey);
    if (context?.requestId) headers.set('x-request-id', context.requestId);
  }
}

/**
 * Signs each subgraph call as it leaves, where the URL and the body bytes are final: an HMAC under
 * the gateway's signed session with that subgraph (kit auth/identity-session.ts), or one Ed25519
 * signature where there is none, over the caller, the subgraph it is for (`audienceOf(url)`, its name in the supergraph),
 * method, path, a SHA-256 of the body, the time and a nonce (kit auth/identity.ts). A URL that names
 * no known subgraph is not sent at all.
 */
export function signSubgraphCalls(
  fetcher: Fetcher,
  keyring: Keyring,
  audienceOf: (url: string) => string | undefined,
): Fetcher {
  return (url, init) => {
    const audience = audienceOf(url);
    if (!audience) return Promise.reject(new Error(`no subgraph is known at ${url}; not sending to it`));
    const { [CALLER_HEADER]: caller, ...headers } = (init?.headers ?? {}) as Record<string, string>;
    const target = new URL(url);
    const signed = identitySignerOf(keyring)(decodeIdentity(caller), {
      audience,
      method: init?.method ?? 'POST',
      path: target.pathname + target.search,
      body: bodyDigest(typeof init?.body === 'string' || init?.body instanceof Uint8Array ? init.body : ''),
    });
    return fetcher(url, { ...init, headers: { ...headers, ...signed } });
  };
}
