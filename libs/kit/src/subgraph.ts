import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { type GraphQLFormattedError, GraphQLError, parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { applyAuthorization } from './auth/authorization.js';
import { createForwardedIdentityVerifier } from './auth/forwarded.js';
import { ANONYMOUS, type Identity } from './auth/identity.js';
import { type Keyring, loadKeyring } from './auth/keys.js';
import { type PlatformConfig, type ServiceName, platformConfig, servicePort } from './config.js';
import { type EntityList, type MigrationClass, openDatabase, poolOf } from './db/database.js';
import { fromDatabaseError, isDomainErrorLike, isTransientDatabaseError } from './errors.js';
import { type Bus, connectBus } from './events/bus.js';
import type { EventConsumer, EventHandler } from './events/consumer.js';
import type { OutboxRelay } from './events/relay.js';
import { startServiceEvents } from './events/wiring.js';
import { idempotencyPlugin } from './graphql/idempotency.js';
import { LoaderRegistry } from './graphql/loaders.js';
import { scalarResolvers } from './graphql/scalars.js';
import { type Route, closeServer, createGraphQLHttpServer, listen, sendJson } from './http.js';
import { type Logger, createLogger } from './logger.js';
import {
  createServiceMetrics,
  instrumentPool,
  observabilityPlugin,
  observeSubgraph,
  requestTraceId,
  type ServiceMetrics,
  startTracingFromEnv,
} from './observability/index.js';

/** What a service's resolvers receive as context. */
export interface ServiceContext<S = unknown> {
  identity: Identity;
  requestId: string;
  log: Logger;
  loaders: LoaderRegistry;
  db: DataSource;
  services: S;
}

export interface ServiceDeps {
  name: ServiceName;
  db: DataSource;
  bus: Bus;
  config: PlatformConfig;
  log: Logger;
  /** Signs as this service; verifies everyone else (events, replay requests, forwarded identities). */
  keyring: Keyring;
}

export interface SubgraphDefinition<S> {
  name: ServiceName;
  /** The folder whose `*.graphql` files (recursively) make the subgraph's schema: usually `src/`. */
  schemaDir: string;
  entities: EntityList;
  migrations: MigrationClass[];
  services: (deps: ServiceDeps) => S;
  resolvers: GraphQLResolverMap<ServiceContext<S>> | GraphQLResolverMap<ServiceContext<S>>[];
  handlers?: (services: S, deps: ServiceDeps) => EventHandler[];
  routes?: (services: S, deps: ServiceDeps) => Route[];
  /** Periodic work (SLA breach checks, retention purges): started after boot, stopped on shutdown. */
  jobs?: (services: S, deps: ServiceDeps) => { name: string; everyMs: number; run: () => Promise<void> }[];
  /** The service's own series on its /metrics (a queue's length, its failures), next to the kit's. */
  observe?: (metrics: ServiceMetrics, services: S) => void;
  /** Releases what the services hold beyond the database and bus (worker threads), on shutdown. */
  onStop?: (services: S) => Promise<void>;
  port?: number;
  env?: NodeJS.ProcessEnv;
  maxBodyBytes?: number;
}

export interface RunningSubgraph<S> {
  url: string;
  port: number;
  services: S;
  deps: ServiceDeps;
  relay: OutboxRelay;
  consumers: EventConsumer[];
  stop(): Promise<void>;
}

export function loadSchemaFiles(dir: string): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.graphql')) files.push(p);
    }
  };
  walk(dir);
  return files
    .sort()
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

/** Errors as clients see them: the contract's codes, and nothing internal outside development. */
export function formatError(development: boolean, log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (isDomainErrorLike(original)) {
      const extensions: Record<string, unknown> = { code: original.code };
      if (original.field) extensions.field = original.field;
      return { message: original.message, path: formatted.path, extensions };
    }
    if (isTransientDatabaseError(original)) {
      log.warn({ err: (original as Error).message }, 'database unavailable during a request');
      return {
        message: 'the database was briefly unavailable and nothing was saved; retry the request',
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
      };
    }
    const fromDb = fromDatabaseError(original);
    if (fromDb) return { message: fromDb.message, path: formatted.path, extensions: { code: fromDb.code } };
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') return { ...formatted, extensions: { code } };
    log.error(
      {
        err:
          original instanceof Error ? { message: original.message, stack: original.stack } : String(original),
      },
      'unexpected error',
    );
    if (development) return formatted;
    return {
      message: 'internal error: the request could not be completed',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Boots a subgraph: database and migrations, bus, outbox relay, consumers, GraphQL over HTTP. */
export async function startSubgraph<S>(definition: SubgraphDefinition<S>): Promise<RunningSubgraph<S>> {
  const env = definition.env ?? process.env;
  const config = platformConfig(env);
  const log = createLogger(definition.name, config.LOG_LEVEL);
  // This service's own signing key and everyone's public keys: it speaks only for itself.
  const keyring = loadKeyring(definition.name, config.mode, env);
  // Observability: OTLP tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (else a no-op), SQL spans.
  const tracing = startTracingFromEnv(definition.name, env);
  // Error details only in explicit dev mode (BACKOFFICE_DEV=1), never by default.
  const development = config.mode === 'development';

  const database = `backoffice_${definition.name}${config.DATABASE_SUFFIX}`;
  const db = await openDatabase({
    serverUrl: config.DATABASE_URL,
    database,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: config.DATABASE_POOL_SIZE,
    log,
  });
  instrumentPool(poolOf(db), database);
  const bus = await connectBus({
    url: config.NATS_URL,
    stream: config.EVENTS_STREAM,
    prefix: config.EVENTS_SUBJECT_PREFIX,
    name: definition.name,
    log,
    // Its own NATS user (production requires one), and the stream kept as long as the outbox.
    credentials: config.natsCredentials,
    mode: config.mode,
    retentionDays: config.OUTBOX_RETENTION_DAYS,
  });
  const deps: ServiceDeps = { name: definition.name, db, bus, config, log, keyring };
  const services = definition.services(deps);

  const events = await startServiceEvents({
    ...deps,
    database,
    handlers: definition.handlers?.(services, deps) ?? [],
  });
  const { relay, consumers } = events;
  const metrics = createServiceMetrics(definition.name);
  observeSubgraph(metrics, { pool: poolOf(db), ...events });
  definition.observe?.(metrics, services);

  const typeDefs = parse(loadSchemaFiles(definition.schemaDir));
  const resolverList = Array.isArray(definition.resolvers) ? definition.resolvers : [definition.resolvers];
  const declaredScalars = Object.fromEntries(
    Object.entries(scalarResolvers).filter(([name]) =>
      typeDefs.definitions.some((d) => d.kind === 'ScalarTypeDefinition' && d.name.value === name),
    ),
  );
  const fullSchema = applyAuthorization(
    buildSubgraphSchema({
      typeDefs,
      resolvers: { ...declaredScalars, ...mergeResolvers(resolverList) } as any,
    }),
  );

  const plugins: ApolloServerPlugin<ServiceContext<S>>[] = [
    idempotencyPlugin(() => db) as ApolloServerPlugin<any>,
    // Inline traces are for Apollo's cloud; they cost CPU on every request and we do not send them.
    ApolloServerPluginInlineTraceDisabled(),
    observabilityPlugin<ServiceContext<S>>({ metrics, requestLog: (ctx) => ({ log: ctx.log }) }),
  ];
  if (!development) plugins.push(ApolloServerPluginLandingPageDisabled());
  const apollo = new ApolloServer<ServiceContext<S>>({
    schema: fullSchema,
    plugins,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: development,
    formatError: formatError(development, log),
    nodeEnv: config.NODE_ENV === 'production' ? 'production' : undefined,
  });
  await apollo.start();

  let ready = true;
  const forwardedIdentity = createForwardedIdentityVerifier({ audience: definition.name, keyring, config });
  const context = async (req: IncomingMessage, rawBody: string): Promise<ServiceContext<S>> => {
    const verified = forwardedIdentity(req.headers, rawBody);
    let identity: Identity = ANONYMOUS;
    if (verified.ok) identity = verified.identity;
    else if (verified.reason !== 'missing') {
      // Forged, stale or malformed identity headers: someone tried to go around the gateway.
      log.warn({ reason: verified.reason }, 'refused identity headers');
      throw new GraphQLError('the forwarded identity is not valid', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    return {
      identity,
      requestId,
      log: log.child({ requestId, traceId: requestTraceId(req), userId: identity.userId }),
      loaders: new LoaderRegistry(),
      db,
      services,
    };
  };

  const readiness = async () => {
    const checks: Record<string, unknown> = {};
    let ok = ready;
    try {
      await db.query('SELECT 1');
      checks.database = 'up';
    } catch {
      checks.database = 'down';
      ok = false;
    }
    checks.nats = bus.nc.isClosed() ? 'down' : 'up';
    if (bus.nc.isClosed()) ok = false;
    try {
      checks.outboxPending = await relay.pending();
      checks.outboxLagMs = await relay.lagMs();
    } catch {
      // the database check above already says so
    }
    const lags: Record<string, number | string> = {};
    await Promise.all(
      consumers.map(async (c) => {
        lags[c.durable] = await c.lag().catch(() => 'unknown');
      }),
    );
    checks.consumerLag = lags;
    const gaps: Record<string, unknown> = {};
    await Promise.all(
      consumers.map(async (c) => {
        const open = await c.gaps().catch(() => []);
        if (open.length > 0) gaps[c.durable] = open;
      }),
    );
    checks.sequenceGaps = gaps;
    return { ok, checks };
  };

  const routes: Route[] = [
    { method: 'GET', path: '/metrics', handle: (_req, res) => metrics.serve(res) },
    {
      method: 'GET',
      path: '/health',
      handle: (_req, res) => sendJson(res, 200, { status: 'ok', service: definition.name }),
    },
    {
      method: 'GET',
      path: '/ready',
      handle: async (_req, res) => {
        const r = await readiness();
        sendJson(res, r.ok ? 200 : 503, {
          status: r.ok ? 'ready' : 'not ready',
          service: definition.name,
          ...r.checks,
        });
      },
    },
    ...(definition.routes?.(services, deps) ?? []),
  ];
  const server = createGraphQLHttpServer({
    apollo,
    context,
    routes,
    maxBodyBytes: definition.maxBodyBytes ?? 2 * 1024 * 1024,
    onError: (e) => log.error({ err: (e as Error).message }, 'http error'),
  });
  const port = await listen(server, definition.port ?? servicePort(definition.name, env), config.listenHost);

  const retention = {
    name: 'outbox-retention',
    everyMs: 3_600_000,
    // Published events stay for the retention period so lost ones can be replayed (the sequence
    // counters live in outbox_sequence, so old rows can go).
    run: async () => {
      await db.query('DELETE FROM outbox WHERE sent_at < now() - make_interval(days => $1)', [
        config.OUTBOX_RETENTION_DAYS,
      ]);
    },
  };
  const timers = [retention, ...(definition.jobs?.(services, deps) ?? [])].map((job) => {
    let busy = false;
    return setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        await job.run();
      } catch (e) {
        log.error({ job: job.name, err: (e as Error).message }, 'scheduled job failed');
      } finally {
        busy = false;
      }
    }, job.everyMs);
  });

  log.info({ port, database }, `${definition.name} subgraph ready`);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      ready = false;
      for (const t of timers) clearInterval(t);
      await closeServer(server);
      await apollo.stop();
      await events.stop();
      await definition.onStop?.(services);
      await bus.nc.drain().catch(() => undefined);
      await db.destroy();
      await tracing?.shutdown();
      log.info('stopped');
    })();
    return stopping;
  };
  return { url: `http://127.0.0.1:${port}/graphql`, port, services, deps, relay, consumers, stop };
}

function mergeResolvers<C>(list: GraphQLResolverMap<C>[]): GraphQLResolverMap<C> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of list) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged as GraphQLResolverMap<C>;
}

/** For `main.ts`: start, and stop cleanly on SIGTERM/SIGINT (drain consumers, flush the outbox). */
export async function runSubgraph<S>(definition: SubgraphDefinition<S>): Promise<void> {
  try {
    const running = await startSubgraph(definition);
    const shutdown = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (e) {
    console.error(
      JSON.stringify({
        level: 'fatal',
        service: definition.name,
        msg: 'failed to start',
        err: (e as Error).message,
      }),
    );
    process.exit(1);
  }
}
