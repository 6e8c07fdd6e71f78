import { type Agent, request } from 'undici';

export type SubgraphState = 'up' | 'down' | 'timeout' | 'unreachable';

/** Where a subgraph answers its health check: `/health` on the origin of its GraphQL URL. */
export function healthUrl(graphqlUrl: string): string {
  return new URL('/health', graphqlUrl).href;
}

async function probe(url: string, agent: Agent, timeoutMs: number): Promise<SubgraphState> {
  try {
    const response = await request(url, {
      dispatcher: agent,
      method: 'GET',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    return response.statusCode === 200 ? 'up' : 'down';
  } catch (error) {
    const name = (error as Error).name;
    return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable';
  }
}

/** Probes every subgraph at once; each gets `timeoutMs` to answer 200. */
export async function checkSubgraphs(
  urls: ReadonlyMap<string, string>,
  agent: Agent,
  timeoutMs = 1_000,
): Promise<Record<string, SubgraphState>> {
  const entries = await Promise.all(
    [...urls].map(async ([name, url]) => [name, await probe(healthUrl(url), agent, timeoutMs)] as const),
  );
  return Object.fromEntries(entries);
}
