import { loadKeyring } from '../auth/keys.js';
import { type PlatformConfig, type ServiceName, platformConfig, servicePort } from '../config.js';
import { databaseUrl, openDatabase, poolOf } from '../db/database.js';
import { connectBus } from '../events/bus.js';
import { startServiceEvents } from '../events/wiring.js';
import { closeServer, createGraphQLHttpServer, listen } from '../http.js';
import { type Logger, createLogger } from '../logger.js';
import { createServiceMetrics, observeSubgraph, startTracingFromEnv } from '../observability/index.js';
import { startApollo } from './apollo.js';
import { serviceContext } from './context.js';
import type { RunningSubgraph, ServiceDeps, SubgraphDefinition } from './definition.js';
import { outboxRetention, startScheduledJobs } from './jobs.js';
import { operationalRoutes } from './readiness.js';
import { serviceRoutes } from './routes.js';
import { buildServiceSchema } from './schema.js';
import { warmUp } from './warm-up.js';

/** Boots a subgraph: database and migrations, bus, outbox relay, consumers, GraphQL over HTTP. */
export async function startSubgraph<S>(definition: SubgraphDefinition<S>): Promise<RunningSubgraph<S>> {
  const env = definition.env ?? process.env;
  const config = platformConfig(env);
  const log = createLogger(definition.name, config.LOG_LEVEL);
  // This service's own signing key and everyone's public keys: it speaks only for itself.
  const keyring = loadKeyring(definition.name, config.mode, env);
  // OTLP tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (else nothing is registered). A process's
  // main.ts has started it already (run.ts); this is for a subgraph started in-process (tests).
  const tracing = startTracingFromEnv(definition.name, env);
  // Error details only in explicit dev mode (BACKOFFICE_DEV=1), never by default.
  const development = config.mode === 'development';

  const { db, database } = await openServiceDatabase(definition, config, log);
  const bus = await connectServiceBus(definition.name, config, log);
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

  const schema = buildServiceSchema(definition.schemaDir, definition.resolvers);
  const production = config.NODE_ENV === 'production';
  const { apollo, prepared } = await startApollo<S>({ schema, db, metrics, development, production, log });
  const context = serviceContext({ name: definition.name, keyring, config, log, db, services });
  let accepting = true;
  // Not ready until warmed up (warm-up.ts): the first caller must not pay for cold code and sessions.
  let warm = false;
  const server = createGraphQLHttpServer({
    apollo,
    context,
    prepared: prepared(context),
    routes: [
      ...operationalRoutes(definition.name, metrics, {
        accepting: () => accepting && warm,
        db,
        bus,
        relay,
        consumers,
      }),
      ...serviceRoutes(definition.routes?.(services, deps) ?? [], { ...deps, services }),
    ],
    maxBodyBytes: definition.maxBodyBytes ?? 2 * 1024 * 1024,
    onError: (e) => log.error({ err: (e as Error).message }, 'http error'),
  });
  const port = await listen(server, definition.port ?? servicePort(definition.name, env), config.listenHost);
  await warmUp(`http://${loopbackFor(config.listenHost)}:${port}/graphql`, db, log);
  warm = true;
  const retention = outboxRetention(db, config.OUTBOX_RETENTION_DAYS);
  const jobs = startScheduledJobs([retention, ...(definition.jobs?.(services, deps) ?? [])], {
    connectionString: databaseUrl(config.DATABASE_DIRECT_URL, database),
    retryMs: config.JOB_LEADER_RETRY_MS,
    log,
    metrics,
  });
  log.info({ port, database }, `${definition.name} subgraph ready`);

  const stop = once(async () => {
    accepting = false;
    await jobs.stop();
    await closeServer(server);
    await apollo.stop();
    await events.stop();
    await definition.onStop?.(services);
    await bus.nc.drain().catch(() => undefined);
    await db.destroy();
    await tracing?.shutdown();
    log.info('stopped');
  });
  return { url: `http://127.0.0.1:${port}/graphql`, port, services, deps, relay, consumers, stop };
}

/** Where this process reaches itself: the listen address, or loopback when it listens on all of them. */
function loopbackFor(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** The service's own database (`backoffice_<name>`), migrated, its pool measured. */
async function openServiceDatabase<S>(
  definition: SubgraphDefinition<S>,
  config: PlatformConfig,
  log: Logger,
) {
  const database = `backoffice_${definition.name}${config.DATABASE_SUFFIX}`;
  const db = await openDatabase({
    serverUrl: config.DATABASE_URL,
    directServerUrl: config.DATABASE_DIRECT_URL,
    database,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: config.DATABASE_POOL_SIZE,
    log,
  });
  return { db, database };
}

function connectServiceBus(name: ServiceName, config: PlatformConfig, log: Logger) {
  return connectBus({
    url: config.NATS_URL,
    stream: config.EVENTS_STREAM,
    prefix: config.EVENTS_SUBJECT_PREFIX,
    name,
    log,
    // Its own NATS user (production requires one), and the stream kept as long as the outbox.
    credentials: config.natsCredentials,
    mode: config.mode,
    retentionDays: config.OUTBOX_RETENTION_DAYS,
  });
}

/** The first call runs `run`; every later call gets the same promise (stop is idempotent). */
function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= run();
    return running;
  };
}
