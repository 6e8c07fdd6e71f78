import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CALLER_HEADER } from './subgraph-fetcher.js';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** What one subgraph answered, read once and shared by every caller that asked the same thing. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * In-flight de-duplication of identical subgraph requests: while a request is on its way, the same
 * request (same subgraph URL, same operation and variables, same forwarded identity) waits for its
 * answer instead of going out again. A front-office page that many people open at once then costs the
 * subgraphs one call per distinct caller, not one per page view (shared/notes/gateway.md: about 2x).
 *
 * Never shares one user's data with another: the key holds the identity the gateway forwards (the
 * caller header: user id, roles, employee id), which is signed only after this point, per call, so
 * two users never meet on one key, and one user's concurrent calls do. Only queries are shared: a body that is
 * not a query, or a request with an Idempotency-Key, always goes out on its own. Nothing is cached:
 * the entry is gone the moment the answer arrives.
 */
export function dedupeInflight(fetcher: Fetcher): Fetcher & { inflight(): number; shared(): number } {
  const inflight = new Map<string, Promise<Answer>>();
  let shared = 0;

  const deduped = (async (url, init) => {
    const key = keyOf(url, init);
    if (key === null) return fetcher(url, init);
    let answer = inflight.get(key);
    if (answer) {
      shared++;
    } else {
      answer = read(fetcher(url, init));
      inflight.set(key, answer);
      // Settled either way: the next identical request goes out afresh.
      const forget = () => inflight.delete(key);
      answer.then(forget, forget);
    }
    return respond(url, await answer);
  }) as Fetcher & { inflight(): number; shared(): number };
  deduped.inflight = () => inflight.size;
  deduped.shared = () => shared;
  return deduped;
}

type Init = Parameters<Fetcher>[1];

/** The de-duplication key, or null when this request must go out on its own. */
export function keyOf(url: string, init: Init): string | null {
  if (!init || (init.method ?? 'POST') !== 'POST' || typeof init.body !== 'string') return null;
  const headers = (init.headers ?? {}) as Record<string, string>;
  if (headers['idempotency-key'] !== undefined) return null;
  // RemoteGraphQLDataSource sends `{"query":"<operation>",...}`: share only what is plainly a query.
  // Anything else (a mutation, another key order) is not recognised and so never shared.
  const body = init.body;
  if (!body.startsWith('{"query":"query') && !body.startsWith('{"query":"{')) return null;
  const identity = headers[CALLER_HEADER] ?? '';
  return `${url}\n${identity}\n${body}`;
}

async function read(pending: Promise<FetcherResponse>): Promise<Answer> {
  const response = await pending;
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'cache-control']) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: response.status, headers, text: await response.text() };
}

/** A fresh response per caller: each one parses its own copy, so no caller can change another's data. */
function respond(url: string, answer: Answer): FetcherResponse {
  const get = (name: string): string | null => answer.headers[name.toLowerCase()] ?? null;
  let used = false;
  const body = () => {
    used = true;
    return answer.text;
  };
  const response = {
    ok: answer.status >= 200 && answer.status < 300,
    status: answer.status,
    statusText: String(answer.status),
    url,
    redirected: false,
    get bodyUsed() {
      return used;
    },
    headers: { get, has: (name: string) => get(name) !== null },
    json: async () => JSON.parse(body()),
    text: async () => body(),
    clone: () => respond(url, answer),
  };
  return response as unknown as FetcherResponse;
}
