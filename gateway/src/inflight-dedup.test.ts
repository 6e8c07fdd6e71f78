import { describe, expect, it } from 'vitest';
import { dedupeInflight, keyOf } from './inflight-dedup.js';

type Call = { url: string; body: string; headers: Record<string, string> };

/** A fetcher that answers after a tick, counting calls, with a body naming the caller it saw. */
function slowFetcher() {
  const calls: Call[] = [];
  const fetcher = async (url: string, init: any) => {
    calls.push({ url, body: init.body, headers: init.headers });
    await new Promise((r) => setTimeout(r, 10));
    const text = JSON.stringify({ data: { who: init.headers['x-backoffice-caller'] ?? null } });
    return {
      ok: true,
      status: 200,
      headers: { get: (n: string) => (n === 'content-type' ? 'application/json' : null) },
      text: async () => text,
      json: async () => JSON.parse(text),
    } as any;
  };
  return { calls, fetcher };
}

const query = JSON.stringify({ query: 'query Page__hr__0{employees{id}}', variables: {} });
const as = (identity: string, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: {
    'x-backoffice-caller': identity,
    'x-backoffice-identity-signature': String(Math.random()),
    ...extra,
  },
  body: query,
});

describe('dedupeInflight', () => {
  it('sends one request for identical concurrent queries of one caller, each gets its own copy', async () => {
    const { calls, fetcher } = slowFetcher();
    const deduped = dedupeInflight(fetcher as any);
    const responses = await Promise.all(
      [1, 2, 3].map(() => deduped('http://hr/graphql', as('alice') as any)),
    );
    expect(calls).toHaveLength(1);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(bodies).toEqual([1, 2, 3].map(() => ({ data: { who: 'alice' } })));
    expect(bodies[0]).not.toBe(bodies[1]);
    expect(deduped.shared()).toBe(2);
    expect(deduped.inflight()).toBe(0);
  });

  it("never gives one caller another caller's answer", async () => {
    const { calls, fetcher } = slowFetcher();
    const deduped = dedupeInflight(fetcher as any);
    const [a, b] = await Promise.all([
      deduped('http://hr/graphql', as('alice') as any),
      deduped('http://hr/graphql', as('bob') as any),
    ]);
    expect(calls).toHaveLength(2);
    expect(await a.json()).toEqual({ data: { who: 'alice' } });
    expect(await b.json()).toEqual({ data: { who: 'bob' } });
  });

  it('does not share mutations, idempotent requests, or requests after the answer came', async () => {
    const { calls, fetcher } = slowFetcher();
    const deduped = dedupeInflight(fetcher as any);
    const mutation = { ...as('alice'), body: JSON.stringify({ query: 'mutation M{x}' }) };
    await Promise.all([deduped('u', mutation as any), deduped('u', mutation as any)]);
    expect(calls).toHaveLength(2);
    const keyed = as('alice', { 'idempotency-key': 'k' });
    await Promise.all([deduped('u', keyed as any), deduped('u', keyed as any)]);
    expect(calls).toHaveLength(4);
    await deduped('u', as('alice') as any);
    await deduped('u', as('alice') as any);
    expect(calls).toHaveLength(6);
  });

  it('keys on subgraph, operation, variables and identity, not on signature time or request id', () => {
    const base = keyOf('http://hr/graphql', as('alice', { 'x-request-id': '1' }) as any);
    expect(keyOf('http://hr/graphql', as('alice', { 'x-request-id': '2' }) as any)).toBe(base);
    expect(keyOf('http://it/graphql', as('alice') as any)).not.toBe(base);
    expect(
      keyOf('http://hr/graphql', { ...as('alice'), body: query.replace('{}', '{"a":1}') } as any),
    ).not.toBe(base);
    expect(
      keyOf('http://hr/graphql', { ...as('alice'), body: '{"variables":{},"query":"query{x}"}' } as any),
    ).toBeNull();
  });
});
