import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ANONYMOUS, signIdentity } from '@backoffice/kit';
import { Agent, request } from 'undici';
import type { GatewayContext } from './context.js';

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
 * Sends each subgraph call with the caller's identity signed by the gateway (INTERNAL_SIGNING_KEY),
 * so subgraphs trust the headers without seeing the user's token, plus the idempotency key and the
 * request id of the client request.
 */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly signingKey: string;

  constructor(options: { url: string; fetcher: Fetcher; signingKey: string }) {
    super({ url: options.url, fetcher: options.fetcher });
    this.signingKey = options.signingKey;
  }

  override willSendRequest({
    request: subgraphRequest,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    const headers = subgraphRequest.http?.headers;
    if (!headers) return;
    const signed = signIdentity(context?.identity ?? ANONYMOUS, this.signingKey);
    for (const name in signed) headers.set(name, signed[name]);
    if (context?.idempotencyKey) headers.set('idempotency-key', context.idempotencyKey);
    if (context?.requestId) headers.set('x-request-id', context.requestId);
  }
}
