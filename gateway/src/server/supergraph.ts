import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { type GatewayObservability, type Logger, tracingEnabled } from '@backoffice/kit';
import type { Agent } from 'undici';
import type { GatewayConfig } from '../config.js';
import { DirectAnswers } from '../direct/direct-answers.js';
import { dedupeInflight } from '../inflight-dedup.js';
import { apolloLogger } from '../log.js';
import { parseSubgraphUrls, replicaFetcher, SubgraphReplicas } from '../replicas.js';
import {
  createSubgraphAgent,
  createSubgraphFetcher,
  IdentityForwardingDataSource,
  signSubgraphCalls,
} from '../subgraph-fetcher.js';

export interface Supergraph {
  /** The gateway as Apollo Server is given it: single-subgraph queries answered directly (direct/). */
  gateway: ReturnType<DirectAnswers['gatewayOf']>;
  /** The connection pool to every subgraph; closed on stop. */
  agent: Agent;
  /** Effective GraphQL URLs per subgraph of the loaded supergraph, for readiness and passthrough. */
  subgraphs: ReadonlyMap<string, SubgraphReplicas>;
}

function readSupergraph(config: GatewayConfig): string {
  if (config.supergraphSdl) return config.supergraphSdl;
  try {
    return readFileSync(config.supergraphPath, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the supergraph at ${config.supergraphPath} (${(error as Error).message}); run \`pnpm compose\` first`,
    );
  }
}

/**
 * The composed supergraph and how its subgraphs are called: each call signed for the subgraph it is
 * addressed to, spread over its replicas, identical concurrent calls optionally sharing one request.
 */
export function loadSupergraph(
  config: GatewayConfig,
  log: Logger,
  observe: GatewayObservability,
): Supergraph {
  const supergraphSdl = readSupergraph(config);
  const agent = createSubgraphAgent(config.subgraphConnections);
  /** Subgraph name by every URL it answers at (replicas too): whom a call's identity is addressed to. */
  const audiences = new Map<string, string>();
  const baseFetcher = signSubgraphCalls(
    observe.fetcher(createSubgraphFetcher(agent)),
    config.keyring,
    (url) => audiences.get(url),
  );
  /** Replicas by their primary URL, the one each data source is built with. */
  const replicasByUrl = new Map<string, SubgraphReplicas>();
  const routed = replicaFetcher(baseFetcher, replicasByUrl);
  // De-duplication outside the replica choice: identical calls share one request to one replica.
  const fetcher = config.dedupeSubgraphRequests ? dedupeInflight(routed) : routed;
  const subgraphs = new Map<string, SubgraphReplicas>();
  const direct = new DirectAnswers({
    supergraphSdl,
    // Tracing keeps @apollo/gateway's own spans (plan, fetch, post-processing) for every request.
    enabled: config.directAnswers && config.mode !== 'development' && !tracingEnabled(),
    onDirect: (subgraph) => observe.directAnswered(subgraph),
  });

  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: apolloLogger(log),
    experimental_didResolveQueryPlan: direct.learn,
    buildService: ({ name, url }) => {
      const effective = config.subgraphUrls[name] ?? url;
      if (!effective) throw new Error(`subgraph ${name} has no URL; set ${name.toUpperCase()}_URL`);
      const replicas = new SubgraphReplicas(parseSubgraphUrls(effective, `${name.toUpperCase()}_URL`));
      subgraphs.set(name, replicas);
      replicasByUrl.set(replicas.primary, replicas);
      for (const replica of replicas.urls) audiences.set(replica, name);
      return new IdentityForwardingDataSource({ url: replicas.primary, fetcher }, direct);
    },
  });
  return { gateway: direct.gatewayOf(gateway), agent, subgraphs };
}
