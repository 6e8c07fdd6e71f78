import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  ANONYMOUS,
  createLogger,
  type GatewayObservability,
  gatewayObservability,
  type Identity,
  type Logger,
  listenForScrapes,
  type ScrapeListener,
  shareMetricsWithPrimary,
} from '@backoffice/kit';
import { createUserTokenVerifier, UnauthenticatedError, type UserTokenVerifier } from './auth/user-token.js';
import { type GatewayConfig, gatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { createConsoleHandler } from './console.js';
import { costLimitPlugin } from './cost.js';
import { createErrorFormatter } from './errors.js';
import { BodyTooLargeError, firstHeader, readBody, sendGraphQLError, sendJson, toHeaderMap } from './http.js';
import { dedupeInflight } from './inflight-dedup.js';
import { inputHygienePlugin } from './input-hygiene.js';
import { introspectionPlugin } from './introspection.js';
import { operationLimitsRule } from './limits.js';
import { apolloLogger } from './log.js';
import { forwardHttp, passthroughService } from './passthrough.js';
import { requestedHash, resolvePersisted } from './persisted-queries.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import { checkSubgraphs } from './readiness.js';
import { parseSubgraphUrls, replicaFetcher, SubgraphReplicas } from './replicas.js';
import {
  createSubgraphAgent,
  createSubgraphFetcher,
  IdentityForwardingDataSource,
  signSubgraphCalls,
} from './subgraph-fetcher.js';

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

/** How long stop() waits for in-flight requests before cutting connections. */
const DRAIN_TIMEOUT_MS = 10_000;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

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

/** Records the resolved operation name on the context for the request log line. */
const operationNamePlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operationName }) {
        contextValue.seen.operationName = operationName;
      },
    };
  },
};

function mergeConfig(options: Partial<GatewayConfig>): GatewayConfig {
  const base = gatewayConfig();
  return {
    ...base,
    ...options,
    jwt: { ...base.jwt, ...options.jwt },
    limits: { ...base.limits, ...options.limits },
    security: { ...base.security, ...options.security },
    subgraphUrls: { ...base.subgraphUrls, ...options.subgraphUrls },
  };
}

/**
 * Starts the gateway. `options` override the configuration read from the environment; pass a whole
 * `loadGatewayConfig(env)` result to ignore `process.env` entirely.
 */
export async function startGateway(options: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
  const config = isComplete(options) ? options : mergeConfig(options);
  const log = createLogger('gateway', config.logLevel);
  for (const warning of config.warnings) log.warn(warning);
  // Metrics, and tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set: hooks below, logic in the kit.
  const observe = gatewayObservability();
  // In a cluster the primary listens for scrapes and asks every worker (cluster.ts): answer from the start.
  if (config.metricsPort != null && cluster.isWorker) shareMetricsWithPrimary(observe.metrics.registry);

  // Error details and suggestions only with BACKOFFICE_DEV=1 on a developer's machine, never by default.
  const development = config.mode === 'development';
  const production = config.mode === 'production';
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
  /** Effective GraphQL URLs per subgraph of the loaded supergraph, for readiness and passthrough. */
  const subgraphs = new Map<string, SubgraphReplicas>();

  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: apolloLogger(log),
    buildService: ({ name, url }) => {
      const effective = config.subgraphUrls[name] ?? url;
      if (!effective) throw new Error(`subgraph ${name} has no URL; set ${name.toUpperCase()}_URL`);
      const replicas = new SubgraphReplicas(parseSubgraphUrls(effective, `${name.toUpperCase()}_URL`));
      subgraphs.set(name, replicas);
      replicasByUrl.set(replicas.primary, replicas);
      for (const replica of replicas.urls) audiences.set(replica, name);
      return new IdentityForwardingDataSource({ url: replicas.primary, fetcher });
    },
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    nodeEnv: development ? 'development' : config.mode === 'test' ? 'test' : 'production',
    logger: apolloLogger(log),
    csrfPrevention: true,
    persistedQueries: false,
    introspection: config.security.introspection !== 'off',
    // No "Did you mean ...?" outside development: suggestions map the schema for whoever probes it.
    hideSchemaDetailsFromClientErrors: !development,
    includeStacktraceInErrorResponses: development,
    parseOptions: { noLocation: true, maxTokens: config.limits.maxTokens },
    validationRules: [operationLimitsRule(config.limits)],
    formatError: createErrorFormatter({ development, log }),
    plugins: [
      operationNamePlugin,
      observe.plugin,
      introspectionPlugin(config.security.introspection),
      costLimitPlugin({ maxCost: config.limits.maxCost }),
      inputHygienePlugin,
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  try {
    await apollo.start();
  } catch (error) {
    await agent.close();
    throw error;
  }

  const verifier = createUserTokenVerifier(config.jwt);
  let stopping = false;
  const handler = createHandler({
    config,
    apollo,
    verifier,
    agent,
    subgraphs,
    log,
    observe,
    isStopping: () => stopping,
  });
  const server = createServer({ keepAliveTimeout: 5_000 }, handler);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await apollo.stop();
    await agent.close();
    throw error;
  }

  let scrapes: ScrapeListener | undefined;
  if (config.metricsPort != null && !cluster.isWorker) {
    try {
      scrapes = await listenForScrapes(() => observe.metrics.render(), {
        port: config.metricsPort,
        host: config.host,
      });
    } catch (error) {
      server.close();
      await apollo.stop();
      await agent.close();
      throw error;
    }
  }

  const { port } = server.address() as AddressInfo;
  const host = !config.host || config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const metricsUrl = scrapes
    ? `http://${host.includes(':') ? `[${host}]` : host}:${scrapes.port}/metrics`
    : undefined;
  log.info({ url: `${origin}/graphql`, metricsUrl, subgraphs: [...subgraphs.keys()] }, 'gateway listening');

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
      force.unref();
      await closed;
      clearTimeout(force);
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

function isComplete(options: Partial<GatewayConfig>): options is GatewayConfig {
  return (
    options.jwt !== undefined &&
    options.limits !== undefined &&
    options.security !== undefined &&
    options.subgraphUrls !== undefined &&
    options.keyring !== undefined &&
    options.mode !== undefined &&
    options.supergraphPath !== undefined &&
    options.port !== undefined
  );
}

interface HandlerDeps {
  config: GatewayConfig;
  apollo: ApolloServer<GatewayContext>;
  verifier: UserTokenVerifier;
  agent: ReturnType<typeof createSubgraphAgent>;
  subgraphs: ReadonlyMap<string, SubgraphReplicas>;
  log: Logger;
  observe: GatewayObservability;
  isStopping(): boolean;
}

function createHandler(deps: HandlerDeps) {
  const { config, apollo, verifier, agent, subgraphs, log } = deps;
  const limiter: RateLimiter = createRateLimiter(config.security.rateLimitPerMinute);
  // The back-office console, GraphiQL and (in dev mode, from this machine) the dev login: console.ts.
  const serveConsole = createConsoleHandler({ mode: config.mode, jwt: config.jwt, log });

  /** Takes one request from the caller's bucket; answers 429 and returns false when it is empty. */
  function withinRateLimit(req: IncomingMessage, res: ServerResponse, identity: Identity): boolean {
    const key =
      identity.userId !== null ? `user:${identity.userId}` : `ip:${req.socket.remoteAddress ?? '?'}`;
    const wait = limiter.take(key);
    if (wait === 0) return true;
    // The contract has no RATE_LIMITED code: the status says it, the code is the contract's client mistake.
    sendGraphQLError(
      res,
      429,
      'BAD_USER_INPUT',
      `too many requests: the limit is ${config.security.rateLimitPerMinute} per minute (RATE_LIMIT_PER_MINUTE); retry in ${wait} s`,
      { 'retry-after': String(wait) },
    );
    return false;
  }

  async function identityOr401(req: IncomingMessage, res: ServerResponse): Promise<Identity | null> {
    try {
      return await verifier.identityFromAuthorization(firstHeader(req, 'authorization'));
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', error.message, {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
      return null;
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, context: GatewayContext) {
    const method = req.method ?? 'GET';
    if (method !== 'POST' && method !== 'GET') {
      sendGraphQLError(res, 405, 'BAD_USER_INPUT', 'use POST (or GET for queries) on /graphql', {
        allow: 'GET, POST',
      });
      return;
    }
    let body: unknown;
    if (method === 'POST') {
      let raw: Buffer;
      try {
        raw = await readBody(req, config.limits.maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        // Do not read the rest of an oversized upload; close the connection once the answer is out.
        sendGraphQLError(res, 413, 'BAD_USER_INPUT', error.message, { connection: 'close' });
        return;
      }
      const contentType = firstHeader(req, 'content-type') ?? '';
      if (contentType.includes('json')) {
        try {
          body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
        } catch {
          sendGraphQLError(res, 400, 'BAD_USER_INPUT', 'the request body is not valid JSON');
          return;
        }
      } else {
        body = raw.toString('utf8');
      }
    }
    const identity = await identityOr401(req, res);
    if (!identity) return;
    context.identity = identity;
    if (!withinRateLimit(req, res, identity)) return;

    // Persisted operations: fill the text in from the manifest, and in PERSISTED_QUERIES_ONLY mode
    // refuse ad-hoc text from callers without an ad-hoc role.
    let search = url.search;
    if (method === 'POST' && body && typeof body === 'object' && !Array.isArray(body)) {
      const request = body as Record<string, unknown>;
      const outcome = resolvePersisted(
        config.security,
        identity,
        request.query,
        requestedHash(request.extensions, request.id),
      );
      if (!outcome.ok) return sendGraphQLError(res, outcome.status, 'BAD_USER_INPUT', outcome.message);
      const { persistedQuery: _, ...extensions } = (request.extensions ?? {}) as Record<string, unknown>;
      body = { ...request, query: outcome.query, extensions };
    } else if (method === 'GET') {
      const params = new URLSearchParams(url.search);
      const outcome = resolvePersisted(
        config.security,
        identity,
        params.get('query') ?? undefined,
        requestedHash(params.get('extensions') ?? undefined, params.get('id') ?? undefined),
      );
      if (!outcome.ok) return sendGraphQLError(res, outcome.status, 'BAD_USER_INPUT', outcome.message);
      if (outcome.query !== undefined) params.set('query', outcome.query);
      params.delete('extensions');
      params.delete('id');
      search = `?${params}`;
    }

    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers: toHeaderMap(req), search, body },
      context: async () => context,
    });
    res.statusCode = result.status ?? 200;
    for (const [name, value] of result.headers) res.setHeader(name, value);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  async function ready(res: ServerResponse) {
    if (deps.isStopping() || subgraphs.size === 0) {
      sendJson(res, 503, {
        status: 'not_ready',
        supergraph: deps.isStopping() ? 'stopping' : 'empty',
        subgraphs: {},
      });
      return;
    }
    const states = await checkSubgraphs(
      new Map([...subgraphs].map(([name, replicas]) => [name, replicas.urls])),
      agent,
      1_000,
    );
    const up = Object.values(states).filter((state) => state === 'up').length;
    // One subgraph down must not take the whole graph out of rotation: every field of the others
    // still answers, and the missing ones fail with an error of their own. Degraded, not unready.
    const status = up === subgraphs.size ? 'ready' : up > 0 ? 'degraded' : 'not_ready';
    sendJson(res, up > 0 ? 200 : 503, { status, supergraph: 'loaded', subgraphs: states });
  }

  async function passthrough(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    service: string,
    context: GatewayContext,
  ) {
    // Streamed bodies cannot be sent twice: one replica, round-robin, no retry elsewhere.
    const graphqlUrl = subgraphs.get(service)?.order()[0] ?? config.subgraphUrls[service]?.split(',')[0];
    if (!graphqlUrl) {
      sendGraphQLError(res, 404, 'NOT_FOUND', `no ${service} service behind this gateway`);
      return;
    }
    const identity = await identityOr401(req, res);
    if (!identity) return;
    if (!withinRateLimit(req, res, identity)) return;
    await forwardHttp(
      req,
      res,
      { service, origin: new URL(graphqlUrl).origin, pathAndQuery: url.pathname + url.search },
      { identity, keyring: config.keyring, requestId: context.requestId, agent, log },
    );
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const given = firstHeader(req, 'x-request-id');
    const context: GatewayContext = {
      identity: ANONYMOUS,
      requestId: given && REQUEST_ID.test(given) ? given : randomUUID(),
      idempotencyKey: firstHeader(req, 'idempotency-key'),
      seen: { operationName: null },
    };
    res.setHeader('x-request-id', context.requestId);
    // While stopping, tell keep-alive clients to go elsewhere so the drain finishes.
    if (deps.isStopping()) res.setHeader('connection', 'close');

    // `new URL` resolves dot segments (also %2e), so /documents/../graphql cannot slip past the routing.
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://gateway.invalid');
    } catch {
      sendGraphQLError(res, 400, 'BAD_USER_INPUT', 'malformed request URL');
      return;
    }
    res.once('close', () => {
      log.info(
        {
          requestId: context.requestId,
          method: req.method,
          path: url.pathname,
          operationName: context.seen.operationName,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          userId: context.identity.userId,
          traceId: deps.observe.traceId(req),
        },
        'request',
      );
    });

    const route = async () => {
      const { pathname } = url;
      if (pathname === '/graphql') return graphql(req, res, url, context);
      if (pathname === '/health' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
      if (pathname === '/ready' && req.method === 'GET') return ready(res);
      // With a metrics port configured, the public port does not answer scrapes.
      if (pathname === '/metrics' && req.method === 'GET' && config.metricsPort == null)
        return deps.observe.serveMetrics(res);
      if (await serveConsole(req, res, url)) return;
      const service = passthroughService(pathname);
      if (service) return passthrough(req, res, url, service, context);
      sendGraphQLError(res, 404, 'NOT_FOUND', `no route ${req.method} ${pathname}`);
    };
    deps.observe.handle(req, res, url.pathname, route).catch((error: unknown) => {
      log.error({ requestId: context.requestId, err: error }, 'request failed');
      if (!res.headersSent) sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error');
      else res.destroy();
    });
  };
}
