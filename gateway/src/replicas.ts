import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Several processes of one subgraph behind the gateway without a load balancer: `HR_URL` (and the
 * others) may list URLs separated by commas. Calls go round-robin; a replica that refuses
 * connections is skipped for a while and the call goes to the next one. In Kubernetes a Service
 * spreads the calls instead and each `*_URL` names that one Service.
 */
export class SubgraphReplicas {
  private next = 0;
  private readonly downUntil: number[];

  constructor(
    readonly urls: readonly string[],
    private readonly cooldownMs = 2_000,
  ) {
    if (urls.length === 0) throw new Error('a subgraph needs at least one URL');
    this.downUntil = urls.map(() => 0);
  }

  /** The URL the gateway's data source is built with; the key replicaFetcher recognises. */
  get primary(): string {
    return this.urls[0];
  }

  /** The replicas to try for one call: round-robin first, any marked down at the end. */
  order(now = Date.now()): string[] {
    const start = this.next;
    this.next = (this.next + 1) % this.urls.length;
    const rotated = this.urls.map((_, i) => (start + i) % this.urls.length);
    const up = rotated.filter((i) => this.downUntil[i] <= now);
    const down = rotated.filter((i) => this.downUntil[i] > now);
    return [...up, ...down].map((i) => this.urls[i]);
  }

  markDown(url: string, now = Date.now()): void {
    const i = this.urls.indexOf(url);
    if (i >= 0) this.downUntil[i] = now + this.cooldownMs;
  }
}

/** `http://a:4001/graphql, http://b:4001/graphql` -> two URLs; throws naming the variable on a bad one. */
export function parseSubgraphUrls(raw: string, variable: string): string[] {
  const urls = raw
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length === 0) throw new Error(`${variable}: no URL`);
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`${variable}: "${url}" is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`${variable}: "${url}" must be http(s)`);
  }
  return urls;
}

/** Errors that prove the request never reached the subgraph, so sending it to another replica is safe. */
const NEVER_DELIVERED = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function neverDelivered(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.code && NEVER_DELIVERED.has(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Sends each call for a subgraph with replicas to one of them. Only a connection that was never made
 * is retried elsewhere: a reset after the request went out may have had its effect (a mutation), and
 * is the caller's error to see.
 */
export function replicaFetcher(inner: Fetcher, replicas: ReadonlyMap<string, SubgraphReplicas>): Fetcher {
  return async (url, init) => {
    const set = replicas.get(url);
    if (!set || set.urls.length === 1) return inner(url, init);
    let last: unknown;
    for (const target of set.order()) {
      try {
        return await inner(target, init);
      } catch (error) {
        if (!neverDelivered(error)) throw error;
        set.markDown(target);
        last = error;
      }
    }
    throw last;
  };
}
