import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';

/**
 * What the first request would otherwise pay, paid before `/ready` says yes: the pool's first
 * connections (a new Postgres session each) and one request through the whole HTTP and GraphQL path
 * (`{ __typename }`, which needs no identity), so V8 has compiled it. Measured cold, the first request
 * through the gateway cost several times a warm one (bench/RESULTS.md, "Footprint"). A failure here
 * only means the first requests pay for it: it is logged, never fatal.
 */
export async function warmUp(
  graphqlUrl: string,
  db: DataSource,
  log: Logger,
  connections = 2,
): Promise<void> {
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: connections }, () => db.query('SELECT 1')));
    await requestTypename(graphqlUrl);
    log.debug({ ms: Math.round(performance.now() - started) }, 'warmed up');
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'warm-up failed: the first requests pay for it');
  }
}

/** One `{ __typename }` through a GraphQL endpoint's whole path (no identity needed): the gateway warms up the same way. */
export async function requestTypename(graphqlUrl: string): Promise<void> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
}
