import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { type GatewayObservability, type Logger, sendGraphQLError, sendJson } from '@backoffice/kit';
import type { Agent } from 'undici';
import type { UserTokenVerifier } from '../auth/user-token.js';
import type { GatewayConfig } from '../config.js';
import { createConsoleHandler } from '../console.js';
import type { GatewayContext } from '../context.js';
import { forwardHttp, passthroughService } from '../passthrough.js';
import { checkSubgraphs, replicaUrls } from '../readiness.js';
import type { SubgraphReplicas } from '../replicas.js';
import { graphqlRoute } from './graphql-route.js';
import { createGuards, type Guards } from './guards.js';

export interface RouteDeps {
  config: GatewayConfig;
  apollo: ApolloServer<GatewayContext>;
  verifier: UserTokenVerifier;
  agent: Agent;
  subgraphs: ReadonlyMap<string, SubgraphReplicas>;
  log: Logger;
  observe: GatewayObservability;
  isStopping(): boolean;
  /** False until the gateway has warmed up (server.ts): /ready waits for it. */
  isWarm(): boolean;
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, context: GatewayContext) => Promise<void>;

/** Every path the gateway answers: GraphQL, health and readiness, metrics, the console, the passthrough routes. */
export function createRouter(deps: RouteDeps): Route {
  const { config, observe } = deps;
  const guards = createGuards(deps.verifier, config.security.rateLimitPerMinute);
  const graphql = graphqlRoute(config, deps.apollo, guards);
  const passthrough = passthroughRoute(deps, guards);
  // The back-office console, GraphiQL and (in dev mode, from this machine) the dev login: console.ts.
  const serveConsole = createConsoleHandler({ mode: config.mode, jwt: config.jwt, log: deps.log });
  return async (req, res, url, context) => {
    const { pathname } = url;
    if (pathname === '/graphql') return graphql(req, res, url, context);
    if (pathname === '/health' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/ready' && req.method === 'GET') return ready(deps, res);
    // With a metrics port configured, the public port does not answer scrapes.
    if (pathname === '/metrics' && req.method === 'GET' && config.metricsPort == null)
      return observe.serveMetrics(res);
    if (await serveConsole(req, res, url)) return;
    const service = passthroughService(pathname);
    if (service) return passthrough(req, res, url, service, context);
    sendGraphQLError(res, 404, 'NOT_FOUND', `no route ${req.method} ${pathname}`);
  };
}

async function ready(deps: RouteDeps, res: ServerResponse): Promise<void> {
  const { subgraphs } = deps;
  if (deps.isStopping() || subgraphs.size === 0 || !deps.isWarm()) {
    sendJson(res, 503, {
      status: 'not_ready',
      supergraph: deps.isStopping() ? 'stopping' : subgraphs.size === 0 ? 'empty' : 'warming up',
      subgraphs: {},
    });
    return;
  }
  const states = await checkSubgraphs(replicaUrls(subgraphs), deps.agent, 1_000);
  const up = Object.values(states).filter((state) => state === 'up').length;
  // One subgraph down must not take the whole graph out of rotation: every field of the others
  // still answers, and the missing ones fail with an error of their own. Degraded, not unready.
  const status = up === subgraphs.size ? 'ready' : up > 0 ? 'degraded' : 'not_ready';
  sendJson(res, up > 0 ? 200 : 503, { status, supergraph: 'loaded', subgraphs: states });
}

/** `/documents/*`, `/exports/*`: streamed to the subgraph that serves them, with the caller's identity signed. */
function passthroughRoute(deps: RouteDeps, guards: Guards) {
  const { config, subgraphs, agent, log } = deps;
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    service: string,
    context: GatewayContext,
  ) => {
    // Streamed bodies cannot be sent twice: one replica, round-robin, no retry elsewhere.
    const graphqlUrl = subgraphs.get(service)?.order()[0] ?? config.subgraphUrls[service]?.split(',')[0];
    if (!graphqlUrl) {
      sendGraphQLError(res, 404, 'NOT_FOUND', `no ${service} service behind this gateway`);
      return;
    }
    const identity = await guards.identityOr401(req, res);
    if (!identity) return;
    if (!guards.withinRateLimit(req, res, identity)) return;
    await forwardHttp(
      req,
      res,
      { service, origin: new URL(graphqlUrl).origin, pathAndQuery: url.pathname + url.search },
      { identity, keyring: config.keyring, requestId: context.requestId, agent, log },
    );
  };
}
