import { type Agent, request } from 'undici';
import type { SubgraphReplicas } from './replicas.js';

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

/** The better state first: a subgraph with one replica up is up. */
const RANK: Record<SubgraphState, number> = { up: 0, down: 1, timeout: 2, unreachable: 3 };

/** Probes every replica of every subgraph at once; each gets `timeoutMs` to answer 200. */
export async function checkSubgraphs(
  urls: ReadonlyMap<string, string | readonly string[]>,
  agent: Agent,
  timeoutMs = 1_000,
): Promise<Record<string, SubgraphState>> {
  const entries = await Promise.all(
    [...urls].map(async ([name, replicas]) => {
      const states = await Promise.all(
        (typeof replicas === 'string' ? [replicas] : replicas).map((url) =>
          probe(healthUrl(url), agent, timeoutMs),
        ),
      );
      return [name, states.sort((a, b) => RANK[a] - RANK[b])[0]] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Every replica URL of every subgraph, as checkSubgraphs takes them. */
export function replicaUrls(
  subgraphs: ReadonlyMap<string, SubgraphReplicas>,
): Map<string, readonly string[]> {
  return new Map([...subgraphs].map(([name, replicas]) => [name, replicas.urls]));
}
