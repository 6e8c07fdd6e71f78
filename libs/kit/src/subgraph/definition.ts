import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DataSource } from 'typeorm';
import type { Identity } from '../auth/identity.js';
import type { Keyring } from '../auth/keys.js';
import type { PlatformConfig, ServiceName } from '../config.js';
import type { EntityList, MigrationClass } from '../db/database.js';
import type { Bus } from '../events/bus.js';
import type { EventConsumer, EventHandler } from '../events/consumer.js';
import type { OutboxRelay } from '../events/relay.js';
import type { LoaderRegistry } from '../graphql/loaders.js';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/index.js';
import type { ServiceRoute } from './routes.js';

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

/** Periodic work (SLA breach checks, retention purges). */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
  /**
   * Runs in every replica, not only in the job's leader: a queue each replica drains by claiming its
   * own rows (SKIP LOCKED, claims that expire), where more replicas mean more hands.
   */
  everyReplica?: boolean;
}

/**
 * A subgraph's resolvers by GraphQL type: a service's generated `Resolvers` (codegen.ts), typed against its
 * SDL and context, or a map written inline (the kit's tests), typed by the kit's context. The kit only
 * merges them and hands them to Apollo.
 */
export type ResolverMap<S = unknown> =
  | GraphQLResolverMap<ServiceContext<S>>
  | { [typeName: string]: object | undefined };

export interface SubgraphDefinition<S> {
  name: ServiceName;
  /** The folder whose `*.graphql` files (recursively) make the subgraph's schema: usually `src/`. */
  schemaDir: string;
  entities: EntityList;
  migrations: MigrationClass[];
  services: (deps: ServiceDeps) => S;
  resolvers: ResolverMap<S> | ResolverMap<S>[];
  handlers?: (services: S, deps: ServiceDeps) => EventHandler[];
  /** Plain HTTP routes (downloads, uploads, exports); each handler gets the verified request context. */
  routes?: (services: S, deps: ServiceDeps) => ServiceRoute<S>[];
  /** Periodic work (SLA breach checks, retention purges): started after boot, stopped on shutdown. */
  jobs?: (services: S, deps: ServiceDeps) => ScheduledJob[];
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
