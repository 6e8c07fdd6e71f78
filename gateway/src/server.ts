import cluster from 'node:cluster';
import { createServer } from 'node:http';
import {
  createLogger,
  gatewayObservability,
  type Logger,
  requestTypename,
  shareMetricsWithPrimary,
} from '@backoffice/kit';
import type { Agent } from 'undici';
import { createUserTokenVerifier } from './auth/user-token.js';
import type { GatewayConfig } from './config.js';
import { checkSubgraphs, replicaUrls } from './readiness.js';
import type { SubgraphReplicas } from './replicas.js';
import { createGatewayApollo } from './server/apollo.js';
import { createHandler } from './server/handler.js';
import { addresses, drain, listen, listenForMetrics } from './server/listen.js';
import { resolveConfig } from './server/options.js';
import { loadSupergraph } from './server/supergraph.js';

export type { GatewayConfig } from './config.js';
export { loadGatewayConfig } from './config.js';

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  /** Scheme, host and port, for /health, /ready and the passthrough routes. */
  origin: string;
  port: number;
  /** `GET /metrics` on the metrics port, when one is configured (and this is not a cluster worker). */
  metricsUrl?: string;
  /** Stops accepting connections, lets in-flight requests finish, then closes everything. */
  stop(): Promise<void>;
}

/**
 * Starts the gateway. `options` override the configuration read from the environment; pass a whole
 * `loadGatewayConfig(env)` result to ignore `process.env` entirely.
 */
export async function startGateway(options: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
  const config = resolveConfig(options);
  const log = createLogger('gateway', config.logLevel);
  for (const warning of config.warnings) log.warn(warning);
  // Metrics, and tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set: hooks below, logic in the kit.
  const observe = gatewayObservability();
  // In a cluster the primary listens for scrapes and asks every worker (main.ts): answer from the start.
  if (config.metricsPort != null && cluster.isWorker) shareMetricsWithPrimary(observe.metrics.registry);

  const { gateway, agent, subgraphs } = loadSupergraph(config, log, observe);
  const apollo = createGatewayApollo(config, gateway, log, observe);
  await unwindingOnFailure(() => apollo.start(), [() => agent.close()]);

  const verifier = createUserTokenVerifier(config.jwt);
  let stopping = false;
  const isStopping = () => stopping;
  let warm = false;
  const isWarm = () => warm;
  const handler = createHandler({
    config,
    apollo,
    verifier,
    agent,
    subgraphs,
    log,
    observe,
    isStopping,
    isWarm,
  });
  const server = createServer({ keepAliveTimeout: 5_000 }, handler);
  await unwindingOnFailure(() => listen(server, config), [() => apollo.stop(), () => agent.close()]);
  const scrapes = await unwindingOnFailure(
    () => listenForMetrics(config, observe),
    [async () => void server.close(), () => apollo.stop(), () => agent.close()],
  );
  const { port, origin, metricsUrl } = addresses(server, config, scrapes);
  // What the first caller would otherwise pay, before /ready says yes: one request through the
  // whole path (`{ __typename }`, answered without a subgraph) and a connection to every subgraph
  // (the health probe goes through the same agent as the queries).
  await warmUp(origin, agent, subgraphs, log);
  warm = true;
  log.info({ url: `${origin}/graphql`, metricsUrl, subgraphs: [...subgraphs.keys()] }, 'gateway listening');

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      await drain(server);
      await scrapes?.close();
      await apollo.stop();
      await agent.close();
      await observe.shutdown();
      log.info('gateway stopped');
    })();
    return stopped;
  };
  return { url: `${origin}/graphql`, origin, port, metricsUrl, stop };
}

async function warmUp(
  origin: string,
  agent: Agent,
  subgraphs: ReadonlyMap<string, SubgraphReplicas>,
  log: Logger,
) {
  const started = performance.now();
  try {
    await requestTypename(`${origin}/graphql`);
    await checkSubgraphs(replicaUrls(subgraphs), agent, 2_000);
    log.debug({ ms: Math.round(performance.now() - started) }, 'warmed up');
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'warm-up failed: the first requests pay for it');
  }
}

/** Runs a start-up step; if it fails, releases what the earlier steps opened (in order) and rethrows. */
async function unwindingOnFailure<T>(
  step: () => Promise<T>,
  release: (() => Promise<unknown>)[],
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    for (const undo of release) await undo();
    throw error;
  }
}
